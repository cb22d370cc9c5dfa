/**
 * One life of the app in the crash loop (bench/crash/run.ts), as its own process: open the real services on
 * the setup's data folder (start-up reconcile runs, as in the app), retry the earlier keys that are
 * retryable (as the sequence runner would), then send one new key. The parent SIGKILLs it at a random time
 * (after `sending`, or from the start: during the start-up reconcile, the retries, the follow-ups), or it kills
 * itself at the moment FAIRSEND_CRASH_AT names, of the new key's send or (crashOf `earlier`) of any earlier
 * key's (a retry, a follow-up). Bundled by run.ts (vite), so a start costs what the app's modules cost, not a
 * TypeScript transform.
 * argv: dataDir addressFile mailboxId key clockStart pendingKeys(comma-separated) final(0|1) crashOf(new|earlier)
 */
import { readFileSync } from 'node:fs';
import { readMainConfig } from '../../electron/main/config';
import type { SendPoint } from '../../electron/main/send/send-points';
import { journalOnDisk } from '../../electron/main/testing/delivery-count';
import { keyedDraft, openServicesAt, type WorldAddress } from '../../electron/main/testing/world-services';

export type ChildMessage =
  | { type: 'restarted'; states: Record<string, string>; openedMs: number; restartedMs: number }
  | { type: 'sending' }
  | { type: 'sent'; ms: number; status: string }
  | { type: 'window'; ms: number }
  | { type: 'done'; audited: Record<string, number> };

const [
  dataDir = '',
  addressFile = '',
  mailboxId = '',
  key = '',
  clockStart = '0',
  pendingCsv = '',
  final = '0',
  crashOf = 'new',
] = process.argv.slice(2);
const crashAt = readMainConfig().crashAt;
const tell = (message: ChildMessage) =>
  new Promise<void>((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
process.on('disconnect', () => process.exit(1)); // ends with its parent

const address = JSON.parse(readFileSync(addressFile, 'utf8')) as WorldAddress;
const started = Date.now();
const replied = new Map<string, number>();
const checkpoint = (point: SendPoint, of: string) => {
  if (point === crashAt && (crashOf === 'earlier' ? of !== key : of === key))
    process.kill(process.pid, 'SIGKILL');
  // the window between the server's answer and `accepted` on disk
  if (point === 'after-reply') replied.set(of, performance.now());
  if (point === 'after-accepted') {
    const at = replied.get(of);
    if (at !== undefined) void tell({ type: 'window', ms: performance.now() - at });
  }
};
const services = await openServicesAt(dataDir, address, {
  now: () => Number(clockStart) + (Date.now() - started),
  sendCheckpoint: checkpoint,
});
const openedMs = performance.now(); // since the process started: Node, the app's modules, the services
services.suppression.apply({ add: [], remove: [], complete: true }); // as the renderer does at start-up
await services.send.upkeep();

const pending = pendingCsv ? pendingCsv.split(',') : [];
for (const earlier of pending) {
  const entry = (await journalOnDisk(dataDir)).get(earlier);
  if (!entry || (entry.state === 'failed' && entry.retryable))
    await services.send.send(earlier, keyedDraft(mailboxId, earlier));
}
await services.send.upkeep();
const journal = await journalOnDisk(dataDir);
const stateOf = (k: string) => {
  const entry = journal.get(k);
  if (!entry) return 'none';
  return entry.state === 'failed' ? (entry.retryable ? 'retryable' : 'failed') : entry.state;
};
await tell({
  type: 'restarted',
  states: Object.fromEntries(pending.map((k) => [k, stateOf(k)])),
  openedMs,
  restartedMs: performance.now(),
});

if (final !== '1') {
  await tell({ type: 'sending' });
  const t0 = performance.now();
  const outcome = await services.send.send(key, keyedDraft(mailboxId, key));
  await tell({ type: 'sent', ms: performance.now() - t0, status: outcome.status });
  await services.send.upkeep();
}

const audited: Record<string, number> = {};
for (const event of services.audit.since(0, Number.MAX_SAFE_INTEGER))
  if (event.type === 'send.sent' && typeof event.data.key === 'string')
    audited[event.data.key] = (audited[event.data.key] ?? 0) + 1;
await tell({ type: 'done', audited });
await services.close();
process.exit(0);
