import type { AuditEventType } from '../../../shared/audit/event-types';
import { type ReconcileReport, reconcileInFlight } from './deliver-once';
import type { SendJournal } from './send-journal';
import type { MailTransport } from './transports/mail-transport';

/**
 * At start-up, before the first send: every message a crash left `sending` is looked up in its mailbox's
 * Sent folder (reconcileInFlight). Each outcome is audited, so the rep and the team can see what happened to
 * a message whose send was interrupted. A mailbox that can no longer be reached leaves its messages `sending`,
 * which keeps them from being sent again until it can be asked.
 */
export async function reconcileAtStart(
  journal: SendJournal,
  transportFor: (mailboxId: string) => Promise<MailTransport>,
  audit: { append(type: AuditEventType, data: Record<string, unknown>): Promise<unknown> },
): Promise<ReconcileReport> {
  const transports = new Map<string, MailTransport>();
  for (const mailboxId of new Set(journal.inFlight().map((e) => e.mailboxId))) {
    try {
      transports.set(mailboxId, await transportFor(mailboxId));
    } catch {
      // disconnected or signed out: stays unknown
    }
  }
  const report = await reconcileInFlight(journal, (id) => transports.get(id));
  const outcomes = [
    ...report.confirmedSent.map((key) => [key, 'sent'] as const),
    ...report.notSent.map((key) => [key, 'not-sent'] as const),
    ...report.unknown.map((key) => [key, 'unknown'] as const),
  ];
  for (const [key, outcome] of outcomes) {
    const mailboxId = journal.get(key)?.mailboxId ?? '';
    await audit.append('send.reconciled', { key, mailboxId, outcome });
  }
  return report;
}
