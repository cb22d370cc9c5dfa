import type { AuditEvent } from '../../../shared/audit/chain';
import { sequenceData } from '../../../shared/audit/sequence-ref';
import { AppError } from '../../../shared/ipc/result';
import type { HeldMessage, HeldResolution, SendDraft, SendOutcome } from '../../../shared/ipc/send';
import type { AuditLog } from '../audit/audit-log';
import type { FollowUps } from './follow-ups';
import type { JournalEntry, SendJournal } from './send-journal';
import type { MailTransport } from './transports/mail-transport';

export interface HeldDeps {
  journal: SendJournal;
  transportFor(mailboxId: string): Promise<MailTransport>;
  audit: Pick<AuditLog, 'append'>;
  now(): number;
  followUps: FollowUps;
  /** the send path itself: "Send it again" goes through the gate again, with the key's Message-ID */
  resend(key: string, draft: SendDraft): Promise<SendOutcome>;
}

/**
 * Messages whose fate nothing could decide, held for the rep: the Outbox lists them with what is known, and
 * the rep says "It was sent" or "Send it again". Both are audited; a resend reuses the Message-ID, so a
 * receiving server that keeps the first copy can tell the second is the same message.
 */
export function createHeldMessages(deps: HeldDeps) {
  async function checkingAgain(entry: JournalEntry): Promise<boolean> {
    const transport = await deps.transportFor(entry.mailboxId).catch(() => null);
    const settle = transport?.absenceProvesNotSentAfterMs;
    return settle !== undefined && deps.now() - (entry.committedAt ?? entry.at) < settle;
  }

  function requireHeld(key: string): JournalEntry {
    const entry = deps.journal.get(key);
    if (entry?.state !== 'unknown' || !deps.journal.open().some((e) => e.key === key))
      throw new AppError('not-found', 'This email is no longer waiting for a decision.');
    return entry;
  }

  const resolved = (entry: JournalEntry, as: 'sent' | 'resend'): Promise<AuditEvent> =>
    deps.audit.append('send.resolved', {
      mailboxId: entry.mailboxId,
      key: entry.key,
      messageId: entry.messageId,
      recipientKey: entry.audit?.recipientKey ?? null,
      ...sequenceData(entry.audit),
      as,
    });

  return {
    async list(): Promise<HeldMessage[]> {
      const open = deps.journal.open().filter((e) => e.state === 'unknown');
      const held: HeldMessage[] = [];
      for (const entry of open.sort((a, b) => (a.committedAt ?? a.at) - (b.committedAt ?? b.at))) {
        held.push({
          key: entry.key,
          messageId: entry.messageId,
          mailboxId: entry.mailboxId,
          to: entry.draft?.to ?? '',
          ...(entry.draft?.toName ? { toName: entry.draft.toName } : {}),
          subject: entry.draft?.subject ?? '',
          attemptedAt: entry.committedAt ?? entry.at,
          why: entry.why ?? 'interrupted',
          detail: entry.error ? { code: entry.error.code, message: entry.error.message } : null,
          checkingAgain: await checkingAgain(entry),
        });
      }
      return held;
    },

    async resolve(key: string, as: 'sent' | 'resend'): Promise<HeldResolution> {
      const entry = requireHeld(key);
      if (as === 'sent') {
        const transport = await deps.transportFor(entry.mailboxId).catch(() => null);
        // the Sent folder of an SMTP mailbox gets its copy, as for any sent message
        const copy = entry.raw && transport?.saveSentCopy ? (['sent-copy'] as const) : [];
        await deps.journal.settledSent(key, { providerId: 'rep', followUps: [...copy], settledBy: 'rep' });
        const audit = await resolved(entry, 'sent');
        void deps.followUps.runFor(key).catch(() => null);
        return { as: 'sent', audit };
      }
      const draft = entry.draft;
      if (!draft)
        throw new AppError('not-found', 'Fairsend no longer has the text of this email; write it again.');
      await deps.journal.failed(key, {
        error: { code: 'transient', message: 'The rep chose to send it again.' },
        retryable: true,
        undelivered: false, // it may have gone out: it still counts against today's cap
        settledBy: 'rep',
      });
      await resolved(entry, 'resend');
      return { as: 'resend', outcome: await deps.resend(key, draft) };
    },
  };
}
