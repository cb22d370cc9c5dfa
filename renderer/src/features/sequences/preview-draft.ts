/**
 * A step rendered for one lead as the draft `send.preview` checks, pure: Liquid subject and message (and the
 * plain-text part when the rep wrote one; the gate derives it from the message otherwise). A same-thread
 * follow-up takes "Re: " and the subject of the step that started its thread. The sender's fields come from
 * the mailbox's name and the profile's company.
 */
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { SendDraft } from '../../../../shared/ipc/send';
import { compileTemplate, renderTemplate } from '../../../../shared/sequences/templates/engine';
import { type SenderFields, templateScope } from '../../../../shared/sequences/templates/scope';
import { followUpSubject } from '../../../../shared/sequences/templates/threading';
import type { LeadDoc } from '../../db/schemas/leads';
import type { SequenceStep } from '../../db/sequences-repo';
import { type EmailPart, PART_MODE, PART_NAME, problemWords } from './editor-checks';
import { threadStartOf } from './editor-steps';

/** The sender fields Fairsend fills (the picker offers these; others need a `default`). */
export const SENDER_FILLED = ['first_name', 'last_name', 'name', 'company'] as const;

export function senderFieldsOf(mailbox: Pick<MailboxInfo, 'displayName'>, company = ''): SenderFields {
  const name = mailbox.displayName.trim();
  const [first = '', ...rest] = name.split(/\s+/);
  return { name, first_name: first, last_name: rest.join(' '), company };
}

type Email = Pick<SequenceStep, 'subject' | 'body' | 'text'>;

/** The step's email for this variant (the first one when the step has fewer). */
export function emailOf(step: SequenceStep, variant: number): Email {
  return step.variants[Math.min(variant, step.variants.length - 1)] ?? step;
}

function render(
  source: string,
  part: EmailPart,
  scope: object,
): { ok: true; text: string } | { ok: false; why: string } {
  const compiled = compileTemplate(source, PART_MODE[part]);
  const result = compiled.ok ? renderTemplate(compiled.value, scope) : compiled;
  if (result.ok) return { ok: true, text: result.value };
  return { ok: false, why: `The ${PART_NAME[part]}: ${problemWords(result.problem)}` };
}

export type PreviewDraft = { ok: true; draft: SendDraft } | { ok: false; problems: string[] };

export interface PreviewInput {
  steps: readonly SequenceStep[];
  stepIndex: number;
  variant: number;
  lead: LeadDoc;
  mailbox: MailboxInfo;
  company: string;
}

export function previewDraft({
  steps,
  stepIndex,
  variant,
  lead,
  mailbox,
  company,
}: PreviewInput): PreviewDraft {
  const step = steps[stepIndex];
  if (!step) return { ok: false, problems: ['There is no such step.'] };
  const scope = templateScope(lead, senderFieldsOf(mailbox, company));
  const email = emailOf(step, variant);
  const start = threadStartOf(steps, stepIndex);
  const startEmail = emailOf(steps[start]!, variant);
  const subject = render(startEmail.subject, 'subject', scope);
  const body = render(email.body, 'body', scope);
  const text = email.text.trim() ? render(email.text, 'text', scope) : null;
  const problems = [subject, body, text].flatMap((r) => (r && !r.ok ? [r.why] : []));
  if (!subject.ok || !body.ok || (text && !text.ok)) return { ok: false, problems };
  const name = `${lead.firstName} ${lead.lastName}`.trim();
  return {
    ok: true,
    draft: {
      mailboxId: mailbox.id,
      to: lead.email,
      ...(name ? { toName: name } : {}),
      subject: start === stepIndex ? subject.text : followUpSubject(subject.text),
      html: body.text,
      ...(text?.ok ? { text: text.text } : {}),
      isFirstTouch: stepIndex === 0,
      kind: 'sequence',
      ...(lead.timezone ? { leadTimeZone: lead.timezone } : {}),
    },
  };
}
