import { type FileHandle, open, readFile } from 'node:fs/promises';
import {
  type BreakerEvent,
  type BreakerState,
  type BreakerThresholds,
  DEFAULT_THRESHOLDS,
  evaluateBreaker,
  rollingCounts,
} from '../../../shared/compliance/breakers';

type HealthEvent = { at: number; mailboxId: string; type: BreakerEvent['type'] | 'resumed' };

/**
 * What the circuit breakers judge: each mailbox's sends, hard bounces and complaints over the rolling
 * window, and when the rep last pressed Resume. Kept in an append-only JSON-lines file in main.
 */
export interface MailboxHealth {
  record(mailboxId: string, type: HealthEvent['type'], at: number): Promise<void>;
  sentSince(mailboxId: string, since: number): number;
  breaker(mailboxId: string, now: number, thresholds?: BreakerThresholds): BreakerState;
  close(): Promise<void>;
}

export async function openMailboxHealth(file: string): Promise<MailboxHealth> {
  const byMailbox = new Map<string, HealthEvent[]>();
  const add = (e: HealthEvent) => {
    const list = byMailbox.get(e.mailboxId) ?? [];
    list.push(e);
    byMailbox.set(e.mailboxId, list);
  };
  try {
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      if (!line) continue;
      try {
        add(JSON.parse(line) as HealthEvent);
      } catch {
        // a torn last line: the event it held was never acknowledged
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const handle: FileHandle = await open(file, 'a', 0o600);
  let tail: Promise<void> = Promise.resolve();

  return {
    record(mailboxId, type, at) {
      const event = { at, mailboxId, type };
      add(event);
      // The newline goes first, so a line torn by a crash never runs into the next record.
      tail = tail.then(() => handle.appendFile(`\n${JSON.stringify(event)}`, 'utf8'));
      return tail;
    },
    sentSince(mailboxId, since) {
      return (byMailbox.get(mailboxId) ?? []).filter((e) => e.type === 'sent' && e.at >= since).length;
    },
    breaker(mailboxId, now, thresholds = DEFAULT_THRESHOLDS) {
      const events = byMailbox.get(mailboxId) ?? [];
      const resumedAt = events.findLast((e) => e.type === 'resumed')?.at;
      const judged = events.filter((e): e is BreakerEvent & HealthEvent => e.type !== 'resumed');
      return evaluateBreaker(
        rollingCounts(judged, { now, ...(resumedAt ? { since: resumedAt } : {}) }),
        thresholds,
      );
    },
    async close() {
      await tail;
      await handle.close();
    },
  };
}
