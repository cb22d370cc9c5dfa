import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import { normalizeDomain, normalizeEmail } from '../../../shared/leads/email';
import type { Sealer } from './sealer';

/**
 * The team key: suppression entries are keyed by HMAC(normalised value) under it, so the team server
 * never holds plaintext addresses. Until a team server hands one out, this desktop makes its own.
 * It is stored sealed and never crosses the bridge.
 */
export interface TeamKey {
  suppressionKeys(kind: 'address' | 'domain', values: readonly string[]): Promise<string[]>;
}

export function createTeamKey(file: string, sealer: Sealer): TeamKey {
  let key: Promise<Buffer> | undefined;

  async function load(): Promise<Buffer> {
    try {
      return await sealer.open(await readFile(file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const fresh = randomBytes(32);
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.tmp`;
    await writeFile(tmp, await sealer.seal(fresh), { mode: 0o600 });
    await rename(tmp, file);
    return fresh;
  }

  return {
    async suppressionKeys(kind, values) {
      key ??= load();
      const secret = await key;
      return values.map((raw) => {
        const normal = kind === 'address' ? normalizeEmail(raw) : normalizeDomain(raw);
        if (!normal) throw new AppError('invalid-input', `Not a valid ${kind}.`);
        return createHmac('sha256', secret).update(`${kind}:${normal}`).digest('hex');
      });
    },
  };
}
