import type { AuditEventType } from '../../../shared/audit/event-types';
import { sequenceData } from '../../../shared/audit/sequence-ref';
import type { JournalEntry, SendJournal } from './send-journal';
import type { MailTransport } from './transports/mail-transport';

export interface ReconcileDeps {
  journal: SendJournal;
  transportFor(mailboxId: string): Promise<MailTransport>;
  audit: { append(type: AuditEventType, data: Record<string, unknown>): Promise<unknown> };
  now(): number;
}

export interface ReconcileReport {
  /** found in the mailbox: `accepted` (its follow-ups run next) */
  sent: string[];
  /** proven not sent: retryable, with the same Message-ID */
  notSent: string[];
  /** nothing could decide: held for the rep, never retried automatically */
  held: string[];
}

type Verdict = { kind: 'sent'; providerId: string } | { kind: 'not-sent' } | { kind: 'undecided' };

/**
 * What one Message-ID lookup proves. Found: sent. Not found: "not sent" only where the transport says its
 * lookup sees everything the provider sent (Gmail, Graph: mailbox-wide, and the provider files each message
 * itself) and the attempt is older than its settle delay. An SMTP mailbox's Sent folder holds a copy only
 * once we made it, after `accepted`, so for an open fate its silence proves nothing.
 */
async function lookUp(transport: MailTransport, entry: JournalEntry, now: number): Promise<Verdict> {
  const found = await transport.findSent(entry.messageId);
  if (!found.ok) return { kind: 'undecided' };
  if (found.value.found) return { kind: 'sent', providerId: found.value.providerId };
  const settle = transport.absenceProvesNotSentAfterMs;
  const since = entry.committedAt ?? entry.at;
  return settle !== undefined && now - since >= settle ? { kind: 'not-sent' } : { kind: 'undecided' };
}

/** An outcome's audit event, naming the entry's mailbox, key, Message-ID and sequence. */
type AuditEntry = (
  type: 'send.reconciled' | 'send.unknown',
  entry: JournalEntry,
  data: Record<string, unknown>,
) => Promise<unknown>;

/**
 * Settles what a crash or an ambiguous answer left open. `prepared` (nothing left this computer) becomes a
 * retryable failure; `sending` (the app stopped mid-send) becomes `unknown`; every open fate is looked up by
 * its Message-ID where the mailbox can be asked. Whatever stays undecided is held for the rep.
 * Each outcome is audited.
 */
export async function reconcile(deps: ReconcileDeps): Promise<ReconcileReport> {
  const { journal } = deps;
  const report: ReconcileReport = { sent: [], notSent: [], held: [] };
  const audit: AuditEntry = (type, entry, data) =>
    deps.audit.append(type, {
      mailboxId: entry.mailboxId,
      key: entry.key,
      messageId: entry.messageId,
      ...sequenceData(entry.audit),
      ...data,
    });

  await failInterrupted(journal, audit, report);
  const open = journal.open();
  await markSendingUnknown(journal, open, audit);
  const verdicts = await lookUpAll(deps, open);
  for (const [i, entry] of open.entries()) {
    await settle(journal, entry, verdicts[i] ?? { kind: 'undecided' }, audit, report);
  }
  return report;
}

/** `prepared` when the app stopped: nothing left this computer, so a retryable failure. */
async function failInterrupted(journal: SendJournal, audit: AuditEntry, report: ReconcileReport) {
  for (const entry of journal.interrupted()) {
    await journal.failed(entry.key, {
      error: { code: 'transient', message: 'The app stopped before this email was sent. Nothing was sent.' },
      retryable: true,
      undelivered: true,
    });
    await audit('send.reconciled', entry, { outcome: 'not-sent' });
    report.notSent.push(entry.key);
  }
}

/** `sending` when the app stopped: the server may have the message, so its fate is `unknown` until looked up. */
async function markSendingUnknown(journal: SendJournal, open: JournalEntry[], audit: AuditEntry) {
  for (const entry of open) {
    if (entry.state === 'sending') {
      const error = {
        code: 'transient' as const,
        message: 'The app stopped while this email was being sent.',
      };
      await journal.unknown(entry.key, { why: 'interrupted', error });
      await audit('send.unknown', entry, {
        recipientKey: entry.audit?.recipientKey ?? null,
        why: 'interrupted',
      });
    }
  }
}

/**
 * Every open fate looked up at once: a mailbox answers them together (one IMAP session for all), each mailbox's
 * transport opened once; a mailbox that cannot be reached leaves its entries undecided.
 */
function lookUpAll(deps: ReconcileDeps, open: JournalEntry[]): Promise<Verdict[]> {
  const transports = new Map<string, Promise<MailTransport | null>>();
  const transportOf = (mailboxId: string) => {
    let transport = transports.get(mailboxId);
    if (!transport) {
      transport = deps.transportFor(mailboxId).catch(() => null);
      transports.set(mailboxId, transport);
    }
    return transport;
  };
  return Promise.all(
    open.map(async (entry): Promise<Verdict> => {
      const transport = await transportOf(entry.mailboxId);
      return transport ? lookUp(transport, entry, deps.now()) : { kind: 'undecided' };
    }),
  );
}

/** A lookup's verdict written to the journal and audited: sent, not sent (retryable), or held for the rep. */
async function settle(
  journal: SendJournal,
  entry: JournalEntry,
  verdict: Verdict,
  audit: AuditEntry,
  report: ReconcileReport,
) {
  if (verdict.kind === 'sent') {
    // found in the mailbox: a Sent copy is there already, only the audit event is still due
    await journal.settledSent(entry.key, {
      providerId: verdict.providerId,
      followUps: ['audit'],
      settledBy: 'lookup',
    });
    await audit('send.reconciled', entry, { outcome: 'sent' });
    report.sent.push(entry.key);
  } else if (verdict.kind === 'not-sent') {
    await journal.failed(entry.key, {
      error: { code: 'transient', message: 'This email was not sent; it can be sent again.' },
      retryable: true,
      undelivered: true,
      settledBy: 'lookup',
    });
    await audit('send.reconciled', entry, { outcome: 'not-sent' });
    report.notSent.push(entry.key);
  } else {
    report.held.push(entry.key);
  }
}
