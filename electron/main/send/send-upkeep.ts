import type { AuditLog } from '../audit/audit-log';
import type { FollowUps } from './follow-ups';
import { type ReconcileReport, reconcile } from './reconcile';
import type { SendJournal } from './send-journal';
import type { MailTransport } from './transports/mail-transport';

export interface SendUpkeepDeps {
  journal: SendJournal;
  transportFor(mailboxId: string): Promise<MailTransport>;
  audit: Pick<AuditLog, 'append' | 'since'>;
  now(): number;
  followUps: FollowUps;
  everyMs: number;
}

/**
 * Keeps the journal settled: at start-up (before anything could be retried) and then on a timer, open fates
 * are looked up and due follow-ups retried; after each send, due follow-ups only. One pass at a time.
 */
export function createSendUpkeep(deps: SendUpkeepDeps) {
  let running: Promise<ReconcileReport> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  function pass(): Promise<ReconcileReport> {
    running ??= (async () => {
      try {
        const report = await reconcile(deps);
        await deps.followUps.runPending();
        return report;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    pass,
    async start(): Promise<ReconcileReport> {
      const report = await pass();
      if (!closed && !timer) {
        timer = setInterval(() => void pass().catch(() => undefined), deps.everyMs);
        timer.unref();
      }
      return report;
    },
    /** after a send: the follow-ups other sends left due (a Sent copy the IMAP server refused a minute ago) */
    afterSend(sentKey: string) {
      for (const entry of deps.journal.pendingFollowUps())
        if (entry.key !== sentKey) void deps.followUps.runFor(entry.key).catch(() => null);
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
