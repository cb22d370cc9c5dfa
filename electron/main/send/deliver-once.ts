import type { AppErrorShape } from '../../../shared/ipc/result';
import type { SendJournal } from './send-journal';
import type { MailTransport } from './transports/mail-transport';

export interface OutgoingMessage {
  key: string;
  messageId: string;
  mailboxId: string;
  raw: Buffer;
  from: string;
  to: string[];
}

export type DeliveryOutcome =
  | { status: 'sent'; providerId: string; attempt: number }
  | { status: 'duplicate'; state: string }
  | { status: 'failed'; error: AppErrorShape; retryable: boolean };

const RETRYABLE = new Set(['transient', 'rate-limited']);

/** journal `sending` (durable) → transport → journal `sent` / `failed`. The only way bytes reach a transport. */
export async function deliverOnce(
  journal: SendJournal,
  transport: MailTransport,
  message: OutgoingMessage,
): Promise<DeliveryOutcome> {
  const begun = await journal.begin(message.key, {
    messageId: message.messageId,
    mailboxId: message.mailboxId,
  });
  if (!begun.ok) return { status: 'duplicate', state: begun.existing.state };
  const result = await transport.deliver({ raw: message.raw, from: message.from, to: message.to });
  if (result.ok) {
    await journal.markSent(message.key, result.value.providerId);
    return { status: 'sent', providerId: result.value.providerId, attempt: begun.attempt };
  }
  const retryable = RETRYABLE.has(result.error.code);
  await journal.markFailed(message.key, result.error, retryable);
  return { status: 'failed', error: result.error, retryable };
}

export interface ReconcileReport {
  confirmedSent: string[];
  notSent: string[];
  /** the Sent folder could not be asked: these stay `sending` and block their retry until it can */
  unknown: string[];
}

/**
 * After a crash: each message left `sending` is looked up in its mailbox's Sent folder by Message-ID.
 * Found → `sent`; not found → a retryable failure (the retry reuses the same Message-ID); lookup failed →
 * left as it is, so nothing is retried blind.
 */
export async function reconcileInFlight(
  journal: SendJournal,
  transportFor: (mailboxId: string) => MailTransport | undefined,
): Promise<ReconcileReport> {
  const report: ReconcileReport = { confirmedSent: [], notSent: [], unknown: [] };
  for (const entry of journal.inFlight()) {
    const transport = transportFor(entry.mailboxId);
    const found = transport ? await transport.findSent(entry.messageId) : undefined;
    if (!found?.ok) {
      report.unknown.push(entry.key);
    } else if (found.value.found) {
      await journal.markSent(entry.key, found.value.providerId);
      report.confirmedSent.push(entry.key);
    } else {
      await journal.markFailed(
        entry.key,
        { code: 'transient', message: 'Not delivered before the app stopped.' },
        true,
      );
      report.notSent.push(entry.key);
    }
  }
  return report;
}
