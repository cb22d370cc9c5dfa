import type { HeldMessage, HeldResolution, SendOutcome } from '../../../../shared/ipc/send';
import type { FairsendDatabase } from '../../db/database';
import type { MessagesRepo } from '../../db/messages-repo';

/**
 * Books the rep's decision on a held email in the Outbox's own record (main's journal is the truth; this is
 * the list the rep browses): "It was sent" marks it sent, "Send it again" records the new send's outcome.
 * A held email with no record here (the window closed before it was booked) is left to main.
 */
export async function recordResolution(
  services: { db: FairsendDatabase; messages: MessagesRepo },
  held: HeldMessage,
  resolution: HeldResolution,
): Promise<void> {
  const doc = await services.db.messages.findOne(held.key).exec();
  if (!doc) return;
  const outcome: SendOutcome =
    resolution.as === 'resend'
      ? resolution.outcome
      : {
          status: 'sent',
          messageId: held.messageId,
          providerId: 'confirmed by the rep',
          gate: { verdict: 'ok', score: 0, reasons: [] },
        };
  await services.messages.record({
    key: held.key,
    leadId: doc.leadId,
    mailboxId: held.mailboxId,
    subject: held.subject,
    outcome,
  });
}
