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
 * window, and when the rep last pressed Resume. Bounces, complaints and resumes are kept in an append-only
 * JSON-lines file in main; sends, in the app, come from the send journal (`sends`), where an unknown fate
 * counts as sent, so the daily cap and the breakers can never count fewer sends than went out.
 */
export interface MailboxHealth {
  record(mailboxId: string, type: HealthEvent['type'], at: number): Promise<void>;
  sentSince(mailboxId: string, since: number): number;
  breaker(mailboxId: string, now: number, thresholds?: BreakerThresholds): BreakerState;
  /** when the rep last pressed Resume on this mailbox (the domain's Postmaster figures before it count no more) */
  lastResumed(mailboxId: string): number | undefined;
  close(): Promise<void>;
}

/** Each mailbox's send times, sorted (the send journal's `sendTimes`). */
export interface SendCounts {
  sendTimes(mailboxId: string): readonly number[];
  sentSince(mailboxId: string, since: number): number;
}

export async function openMailboxHealth(file: string, sends?: SendCounts): Promise<MailboxHealth> {
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
      const next = tail.then(() => handle.appendFile(`\n${JSON.stringify(event)}`, 'utf8'));
      tail = next.catch(() => {}); // one failed write (a full disk) must not refuse every later one
      return next;
    },
    sentSince(mailboxId, since) {
      if (sends) return sends.sentSince(mailboxId, since);
      return (byMailbox.get(mailboxId) ?? []).filter((e) => e.type === 'sent' && e.at >= since).length;
    },
    breaker(mailboxId, now, thresholds = DEFAULT_THRESHOLDS) {
      const events = byMailbox.get(mailboxId) ?? [];
      const resumedAt = events.findLast((e) => e.type === 'resumed')?.at;
      const recorded = events.filter(
        (e): e is BreakerEvent & HealthEvent => e.type !== 'resumed' && !(sends && e.type === 'sent'),
      );
      const sent = (sends?.sendTimes(mailboxId) ?? []).map((at): BreakerEvent => ({ at, type: 'sent' }));
      const judged = [...recorded, ...sent];
      return evaluateBreaker(
        rollingCounts(judged, { now, ...(resumedAt ? { since: resumedAt } : {}) }),
        thresholds,
      );
    },
    lastResumed: (mailboxId) => byMailbox.get(mailboxId)?.findLast((e) => e.type === 'resumed')?.at,
    async close() {
      await tail;
      await handle.close();
    },
  };
}
