/**
 * A step rendered for one lead as the draft `send.preview` checks, pure. It is the engine's own rendering
 * (engine/step-message.ts: variant, templates, threading, the schedule's window), so the preview is what the
 * runner will send; only the variant is the one the rep picks, and the earlier steps' Message-IDs, unknown
 * until they are sent, are stand-ins.
 */
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { SendDraft } from '../../../../shared/ipc/send';
import type { SentStep } from '../../../../shared/sequences/templates/threading';
import type { LeadDoc } from '../../db/schemas/leads';
import type { SequenceFields, SequenceStep } from '../../db/sequences-repo';
import { senderFields, startsThread, stepMessage } from '../../engine/step-message';

/** The stand-in Message-ID of an earlier step (a reserved domain: it can belong to no real message). */
export const previewMessageId = (stepIndex: number): string =>
  `<step-${stepIndex + 1}.preview@fairsend.invalid>`;

/** Each step with only the chosen variant (or its last, when it has fewer), so that one is rendered. */
function withVariant(steps: readonly SequenceStep[], variant: number): SequenceStep[] {
  return steps.map((s) =>
    s.variants.length ? { ...s, variants: [s.variants[Math.min(variant, s.variants.length - 1)]!] } : s,
  );
}

export type PreviewDraft = { ok: true; draft: SendDraft } | { ok: false; problems: string[] };

export interface PreviewInput extends Pick<SequenceFields, 'steps' | 'schedule'> {
  stepIndex: number;
  variant: number;
  lead: LeadDoc;
  mailbox: Pick<MailboxInfo, 'id' | 'displayName'>;
  company: string;
}

export function previewDraft(input: PreviewInput): PreviewDraft {
  const sequence = { steps: withVariant(input.steps, input.variant), schedule: input.schedule };
  const base = {
    sequence,
    enrollmentId: 'preview',
    mailboxId: input.mailbox.id,
    lead: input.lead,
    sender: senderFields(input.mailbox.displayName, input.company),
  };
  const earlier: SentStep[] = [];
  for (let k = 0; k <= input.stepIndex; k++) {
    const made = stepMessage({ ...base, stepIndex: k, earlier: [...earlier] });
    if (!made.ok) return { ok: false, problems: [made.problem] };
    if (k === input.stepIndex) return { ok: true, draft: made.draft };
    earlier.push({
      subject: made.draft.subject,
      messageId: previewMessageId(k),
      startedThread: startsThread(sequence, k),
    });
  }
  return { ok: false, problems: ['The sequence has no such step any more.'] };
}
