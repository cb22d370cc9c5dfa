import type { GateVerdict, SendDraft, SendOutcome, SendPreview } from '../../../../shared/ipc/send';
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

/**
 * A plain Send that main held only for the cap or the window (it filled while the rep typed, or another
 * window sent): main's verdict, which names the time; null for any other outcome.
 */
export function heldForLater(outcome: SendOutcome | null): GateVerdict | null {
  return outcome?.status === 'blocked' && outcome.gate.scheduleAt !== undefined ? outcome.gate : null;
}

/** What Compose says when main held a plain Send for later: the reason, and that Send now schedules it. */
export function heldForLaterText(gate: GateVerdict, now = Date.now()): string {
  const why = gate.reasons.find((r) => r.code === 'daily-cap-reached' || r.code === 'outside-send-window');
  const when = gate.scheduleAt === undefined ? 'later' : whenInWords(gate.scheduleAt, now);
  return `Not sent: ${why?.message ?? 'it has to wait.'} Send now schedules it for ${when}.`;
}

/** The Send button's words: "Send", or "Send tomorrow at 08:00" when the draft can only be scheduled. */
export function sendLabel(scheduleAt: number | undefined, now = Date.now()): string {
  return scheduleAt === undefined ? 'Send' : `Send ${whenInWords(scheduleAt, now)}`;
}

/**
 * Keeps the draft in the Outbox as scheduled, under the dialog's one key: the scheduler sends it through
 * the gate when it is due (the gate may hold it again). `gate` is the preview's or main's verdict naming the
 * time. Returns the toast; throws when it was not kept.
 */
export async function scheduleCompose(
  key: string,
  draft: SendDraft,
  lead: LeadDoc,
  gate: Pick<GateVerdict, 'reasons' | 'scheduleAt'>,
  scheduled: Pick<ScheduledSender, 'schedule'>,
): Promise<string> {
  const at = gate.scheduleAt;
  if (at === undefined) throw new Error('This email can no longer be scheduled; check the reasons shown.');
  await scheduled.schedule({ key, leadId: lead.id, draft, at, reasons: gate.reasons });
  return `Scheduled: the email to ${lead.email} goes out ${whenInWords(at, Date.now())}, if the checks pass then. The Outbox lists it.`;
}
