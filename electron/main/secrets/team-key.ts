import { createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import { normalizeDomain, normalizeEmail } from '../../../shared/leads/email';
import {
  encodeUnsubscribePayload,
  joinUnsubscribeToken,
  suppressionMessage,
  UNSUBSCRIBE_SIGNING_LABEL,
} from '../../../shared/team/unsubscribe-token';
import { boundedMemo } from '../../../shared/text/bounded-memo';
import { isBound, type Sealer } from './sealer';

/** what the team key is sealed under, so no other sealed value can stand in for it */
const TEAM_KEY_CONTEXT = 'team-key';

/**
 * The team key: suppression entries are keyed by HMAC(normalised value) under it, so the team server
 * never holds plaintext addresses. Until a team server hands one out, this desktop makes its own.
 * It is stored sealed and never crosses the bridge.
 */
export interface TeamKey {
  suppressionKeys(kind: 'address' | 'domain', values: readonly string[]): Promise<string[]>;
  /**
   * The token in a one-click unsubscribe URL: the address's suppression key and the sending mailbox, signed
   * with a key derived from the team key. It carries no plaintext address; the team server verifies it and
   * adds the key to the suppression list.
   */
  /** `sequenceId`: the sequence a step's email belongs to, so the opt-out counts for it */
  unsubscribeToken(
    address: string,
    mailboxId: string,
    issuedAt: number,
    sequenceId?: string,
  ): Promise<string>;
  /**
   * Every key `value` may be listed under here, the current key's first: after joining a team, entries made
   * before it under this desktop's own key (erased ones keep only that hash) still suppress (team-keyring.ts).
   */
  lookupKeys?(kind: 'address' | 'domain', value: string): Promise<string[]>;
}

interface Keys {
  /** the suppression key of one value (as given, before normalising), remembered: see `rememberedKeys` */
  address: (raw: string) => string;
  domain: (raw: string) => string;
  /** a KeyObject, made once: an HMAC with a raw Buffer key re-imports the key on every call (~9 µs on Node 24) */
  unsubscribe: KeyObject;
}

// One send asks for its recipient's key twice (the suppression check, then the unsubscribe token), and a list's
// recipients share a few hundred domains: the latest keys are remembered. A key is a pure function of the team
// key and the value; this holds no more than main already does. Values longer than any valid one fail anyway
// and are not remembered, nor is a value that fails (it throws before it is stored).
const REMEMBERED_KEYS = 4096;
const REMEMBERED_VALUE_LENGTH = 320;

function rememberedKeys(secret: KeyObject, kind: 'address' | 'domain'): (raw: string) => string {
  const keyOf = (raw: string): string => {
    const normal = kind === 'address' ? normalizeEmail(raw) : normalizeDomain(raw);
    if (!normal) throw new AppError('invalid-input', `Not a valid ${kind}.`);
    return createHmac('sha256', secret).update(suppressionMessage(kind, normal)).digest('hex');
  };
  const remembered = boundedMemo(keyOf, REMEMBERED_KEYS);
  return (raw) => (raw.length <= REMEMBERED_VALUE_LENGTH ? remembered(raw) : keyOf(raw));
}

/** Seals `secret` as a team key in `file` (a team server's key, handed out when this desktop joins). */
export async function storeTeamKey(file: string, sealer: Sealer, secret: Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  await writeFile(tmp, await sealer.seal(secret, TEAM_KEY_CONTEXT), { mode: 0o600 });
  await rename(tmp, file);
}

export function createTeamKey(file: string, sealer: Sealer): TeamKey {
  let keys: Promise<Keys> | undefined;
  const save = (secret: Buffer) => storeTeamKey(file, sealer, secret);

  async function loadSecret(): Promise<Buffer> {
    let sealed: Buffer;
    try {
      sealed = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const fresh = randomBytes(32);
      await save(fresh);
      return fresh;
    }
    if (isBound(sealed)) return sealer.open(sealed, TEAM_KEY_CONTEXT);
    // sealed before values were bound to a name: the same key, sealed again under its name
    const secret = await sealer.openUnbound(sealed);
    await save(secret);
    return secret;
  }

  async function load(): Promise<Keys> {
    const secret = await loadSecret();
    const signing = createHmac('sha256', secret).update(UNSUBSCRIBE_SIGNING_LABEL).digest();
    const suppression = createSecretKey(secret);
    return {
      address: rememberedKeys(suppression, 'address'),
      domain: rememberedKeys(suppression, 'domain'),
      unsubscribe: createSecretKey(signing),
    };
  }

  async function suppressionKeys(kind: 'address' | 'domain', values: readonly string[]) {
    keys ??= load();
    const keyOf = (await keys)[kind];
    return values.map((raw) => keyOf(raw));
  }

  return {
    suppressionKeys,
    async unsubscribeToken(address, mailboxId, issuedAt, sequenceId) {
      const [k] = await suppressionKeys('address', [address]);
      keys ??= load();
      const signingKey = (await keys).unsubscribe;
      if (!k) throw new AppError('invalid-input', 'Not a valid address.');
      const payload = encodeUnsubscribePayload({
        k,
        m: mailboxId,
        t: Math.floor(issuedAt / 1000),
        ...(sequenceId ? { q: sequenceId } : {}),
      });
      return joinUnsubscribeToken(payload, createHmac('sha256', signingKey).update(payload).digest());
    },
  };
}
