import type { SendDraft, SendPreview } from '../../../../shared/ipc/send';
import type { LeadDoc } from '../../db/schemas/leads';
import type { ScheduledSender } from '../../scheduler/scheduled-sender';
import { whenInWords } from '../../ui/when-words';

/**
 * When the gate's preview is blocked only by the daily cap or the send window, the time the draft can be
 * scheduled for (main's gate says so with `scheduleAt`); otherwise undefined and Send stays off.
 */
export function scheduleTimeOf(preview: SendPreview | null): number | undefined {
  return preview?.verdict === 'block' && preview.message ? preview.scheduleAt : undefined;
}

/** The Send button's words: "Send", or "Send tomorrow at 08:00" when the draft can only be scheduled. */
export function sendLabel(scheduleAt: number | undefined, now = Date.now()): string {
  return scheduleAt === undefined ? 'Send' : `Send ${whenInWords(scheduleAt, now)}`;
}

/**
 * Keeps the draft in the Outbox as scheduled, under the dialog's one key: the scheduler sends it through
 * the gate when it is due (the gate may hold it again). Returns the toast; throws when it was not kept.
 */
export async function scheduleCompose(
  key: string,
  draft: SendDraft,
  lead: LeadDoc,
  preview: SendPreview,
  scheduled: Pick<ScheduledSender, 'schedule'>,
): Promise<string> {
  const at = scheduleTimeOf(preview);
  if (at === undefined) throw new Error('This email can no longer be scheduled; check the reasons shown.');
  await scheduled.schedule({ key, leadId: lead.id, draft, at, reasons: preview.reasons });
  return `Scheduled: the email to ${lead.email} goes out ${whenInWords(at, Date.now())}, if the checks pass then. The Outbox lists it.`;
}
