import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditEvent, appendEvent } from '../../../shared/audit/chain';
import { createKeySealer } from '../secrets/sealer';
import { type AuditLog, openAuditLog } from './audit-log';
import { type ChainPaths, chainPaths } from './open-chain';

/** The vault's sealer in tests: a fixed AES key, as the dev/test vault has. */
export const testSealer = createKeySealer(Buffer.alloc(32, 7));

/** A data folder for one audit log; reads and writes its files as an outsider would, with no help from the code. */
export interface AuditFolder extends ChainPaths {
  dir: string;
  open(options?: { sealer?: typeof testSealer | null; now?: () => number }): Promise<AuditLog>;
  /** the log's lines as parsed JSON (each with its `seal`) */
  lines(): Promise<Record<string, unknown>[]>;
  writeLines(lines: readonly unknown[]): Promise<void>;
  bytes(file: string): Promise<Buffer>;
}

export async function auditFolder(): Promise<AuditFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'fairsend-audit-'));
  const paths = chainPaths(join(dir, 'audit.jsonl'), join(dir, 'device.json'));
  return {
    dir,
    ...paths,
    open: (options = {}) =>
      openAuditLog(paths.log, paths.device, {
        sealer: options.sealer === undefined ? testSealer : options.sealer,
        ...(options.now ? { now: options.now } : {}),
      }),
    async lines() {
      const text = await readFile(paths.log, 'utf8');
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    writeLines: (lines) => writeFile(paths.log, lines.map((l) => `${JSON.stringify(l)}\n`).join('')),
    bytes: (file) => readFile(file),
  };
}

/** A folder whose log holds `n` events, written through the real code and closed. */
export async function writtenLog(n: number): Promise<AuditFolder> {
  const folder = await auditFolder();
  const log = await folder.open({ now: () => 1_700_000_000_000 });
  for (let i = 1; i <= n; i++) await log.append('send.sent', { mailboxId: 'mb1', n: i });
  await log.close();
  return folder;
}

/** What an editor who knows the format but not the key can do: re-chain events with correct plain hashes. */
export async function rechain(events: readonly Omit<AuditEvent, 'seq' | 'id' | 'prevHash' | 'hash'>[]) {
  const out: AuditEvent[] = [];
  for (const e of events) {
    out.push(
      await appendEvent(out.at(-1) ?? null, { deviceId: e.deviceId, type: e.type, at: e.at, data: e.data }),
    );
  }
  return out;
}
