import type { AuditEvent } from '../../../shared/audit/chain';
import { sequenceData } from '../../../shared/audit/sequence-ref';
import type { AuditLog } from '../audit/audit-log';
import type { JournalEntry, SendJournal } from './send-journal';
import { type Checkpoint, noCheckpoint } from './send-points';
import type { MailTransport } from './transports/mail-transport';

export interface FollowUpDeps {
  journal: SendJournal;
  transportFor(mailboxId: string): Promise<MailTransport>;
  audit: Pick<AuditLog, 'append' | 'since'>;
  checkpoint?: Checkpoint;
}

/**
 * The work after `accepted`: the `send.sent` audit event and, for SMTP mailboxes with IMAP, the Sent copy.
 * Each runs on its own, is journalled when done (not fsynced: one lost to a crash is done again), is
 * idempotent (the audit log and the Sent folder are asked first) and can never cause a resend. They run right
 * after each send, and for whatever is left at start-up and after later sends.
 */
export function createFollowUps(deps: FollowUpDeps) {
  const checkpoint = deps.checkpoint ?? noCheckpoint;
  const running = new Map<string, Promise<AuditEvent | null>>();

  /** the `send.sent` event an earlier run wrote before a crash stopped it from saying so */
  function alreadyAudited(entry: JournalEntry): AuditEvent | null {
    let events: AuditEvent[];
    try {
      events = deps.audit.since(0, Number.MAX_SAFE_INTEGER);
    } catch {
      return null;
    }
    for (let i = events.length - 1; i >= 0; i--) {
      const event = events[i];
      if (!event || event.at < (entry.committedAt ?? 0)) break;
      if (
        event.type === 'send.sent' &&
        event.data.key === entry.key &&
        event.data.messageId === entry.messageId
      )
        return event;
    }
    return null;
  }

  async function audit(entry: JournalEntry): Promise<AuditEvent> {
    const event =
      alreadyAudited(entry) ??
      (await deps.audit.append('send.sent', {
        mailboxId: entry.mailboxId,
        key: entry.key,
        recipientKey: entry.audit?.recipientKey ?? null,
        messageId: entry.messageId,
        warnings: entry.audit?.warnings ?? [],
        ...sequenceData(entry.audit),
        ...(entry.settledBy ? { settledBy: entry.settledBy } : {}),
      }));
    checkpoint('after-audit', entry.key);
    await deps.journal.followUpDone(entry.key, 'audit');
    return event;
  }

  async function sentCopy(entry: JournalEntry): Promise<void> {
    const transport = await deps.transportFor(entry.mailboxId);
    if (!transport.saveSentCopy || !entry.raw) {
      await deps.journal.followUpDone(entry.key, 'sent-copy'); // the mailbox no longer has IMAP
      return;
    }
    checkpoint('before-sent-copy', entry.key);
    const saved = await transport.saveSentCopy(Buffer.from(entry.raw, 'base64'));
    if (!saved.ok) return; // stays due: tried again later
    checkpoint('after-sent-copy', entry.key);
    await deps.journal.followUpDone(entry.key, 'sent-copy');
  }

  async function run(key: string): Promise<AuditEvent | null> {
    let event: AuditEvent | null = null;
    const first = deps.journal.get(key);
    if (first?.state !== 'accepted') return null;
    if (first.followUps?.includes('audit')) event = await audit(first);
    const next = deps.journal.get(key);
    if (next?.followUps?.includes('sent-copy')) await sentCopy(next);
    if ((deps.journal.get(key)?.followUps?.length ?? 0) === 0) checkpoint('after-follow-ups', key);
    return event;
  }

  /** Runs the key's follow-ups (once at a time) and returns its `send.sent` event when it wrote or found one. */
  function runFor(key: string): Promise<AuditEvent | null> {
    const existing = running.get(key);
    if (existing) return existing;
    const started = run(key).finally(() => running.delete(key));
    running.set(key, started);
    return started;
  }

  return {
    runFor,
    /** Everything left: at start-up, after each send, and on a timer. A failure leaves the rest for next time. */
    async runPending(): Promise<void> {
      for (const entry of deps.journal.pendingFollowUps()) await runFor(entry.key).catch(() => null);
    },
  };
}

export type FollowUps = ReturnType<typeof createFollowUps>;
