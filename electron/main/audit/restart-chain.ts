import { randomUUID } from 'node:crypto';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import { type AuditEvent, appendEvent } from '../../../shared/audit/chain';
import type { AuditDamage } from '../../../shared/audit/damage';
import { headAfter } from '../../../shared/audit/head';
import type { Sealer } from '../secrets/sealer';
import { loadAuditKey, newAuditKey } from './audit-key';
import { isMissing, syncFolder, writeFileDurably } from './durable-file';
import { createHeadFile, openHeadWriter } from './head-file';
import { lineOf } from './log-file';
import { type ChainPaths, inspectChain, type OpenChain } from './open-chain';

/** The first event of a chain that replaces a damaged one. */
export const CHAIN_RESTARTED = 'audit.chain-restarted';

/**
 * Starts a new chain in place of a damaged one. Nothing is deleted: the damaged log, its head and an
 * unreadable key are renamed aside. The new chain gets a new device id (its events must never collide with
 * the old chain's ids, which the mirror and the team server already hold), and its first event records the
 * old chain's id, its sealed head where that could still be verified, the last event the file held, the
 * problem found, the set-aside file's name and the rep's own words.
 *
 * Order, each step durable before the next: the new log under a temp name, the new device id, the swap of
 * the logs, the new head, and a new key last. A crash part-way leaves a log that is refused again (the rep
 * repeats the step), never one that passes with the record of the restart missing.
 */
export async function restartChain(
  paths: ChainPaths,
  sealer: Sealer,
  why: { problem: AuditDamage; note: string; at: number },
): Promise<OpenChain> {
  const found = await inspectChain(paths, sealer).catch(() => null);
  const stamp = new Date(why.at).toISOString().replace(/[:.]/g, '-');
  const aside = (file: string) => asideName(file, stamp);

  const recorded = found?.facts.head.kind === 'sealed' ? found.facts.head.head : null;
  const logged = found?.facts.lines.findLast((l) => l.readable);
  const last = logged?.readable ? logged.event : null;
  const hadLog = found?.text.exists ?? true;

  const current = await loadAuditKey(paths.key, sealer);
  const key = current.state === 'present' ? { seal: current.seal, store: null } : newAuditKey(sealer);
  const { seal } = key;

  const deviceId = randomUUID();
  const first = await appendEvent(null, {
    deviceId,
    type: CHAIN_RESTARTED,
    at: why.at,
    data: {
      problem: why.problem,
      note: why.note,
      previousDeviceId: found?.facts.deviceId ?? null,
      previousRecordedSeq: recorded?.seq ?? null,
      previousRecordedHash: recorded?.hash ?? null,
      previousLoggedSeq: last?.seq ?? null,
      previousLoggedHash: last?.hash ?? null,
      keptAs: hadLog ? basename(aside(paths.log)) : null,
    },
  });

  const next = `${paths.log}.next`;
  await writeFileDurably(next, lineOf(first, seal));
  await writeFileDurably(paths.device, JSON.stringify({ deviceId }));
  await renameIfThere(paths.log, aside(paths.log));
  await rename(next, paths.log);
  await renameIfThere(paths.head, aside(paths.head));
  await syncFolder(dirname(paths.log));
  await createHeadFile(paths.head, headAfter(deviceId, [first]), seal);
  if (key.store) {
    await renameIfThere(paths.key, aside(paths.key));
    await key.store(paths.key);
  }

  const head = await openHeadWriter(paths.head, seal);
  const log = await open(paths.log, 'a', 0o600);
  return { deviceId, events: [first] satisfies AuditEvent[], seal, log, head };
}

async function renameIfThere(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

/** `audit.jsonl` → `audit-damaged-<time>.jsonl`, `audit-head` → `audit-head-damaged-<time>` */
function asideName(file: string, stamp: string): string {
  const ext = extname(file);
  return `${file.slice(0, file.length - ext.length)}-damaged-${stamp}${ext}`;
}
