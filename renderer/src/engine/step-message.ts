/**
 * One step of a sequence as the email the gate is asked to send, pure: the variant the lead gets, the
 * templates filled in with the lead's and the rep's fields, and, for a step that replies in the thread,
 * "Re: " + the first subject with `In-Reply-To` and `References` of what this lead was sent before.
 */
import { sequenceRefOf } from '../../../shared/audit/sequence-ref';
import type { SendDraft } from '../../../shared/ipc/send';
import { gateWindowOf, type Schedule } from '../../../shared/sequences/calendar';
import {
  compileTemplate,
  renderTemplate,
  type TemplateMode,
} from '../../../shared/sequences/templates/engine';
import { type SenderFields, templateScope } from '../../../shared/sequences/templates/scope';
import { type SentStep, threadNextStep } from '../../../shared/sequences/templates/threading';
import type { LeadDoc } from '../db/schemas/leads';
import type { SequenceDoc } from '../db/schemas/outreach';
import { hash53 } from './enroll-check';

export { senderFields } from './sender-fields';

type Step = SequenceDoc['steps'][number];

/** The planner's calendar schedule from the stored one ('' holidays: none). */
export function scheduleOf(stored: SequenceDoc['schedule']): Schedule {
  return {
    sendDays: stored.sendDays,
    window: { startMinute: stored.startMinute, endMinute: stored.endMinute },
    holidaysCountry: stored.holidaysCountry.trim() || null,
  };
}

/**
 * The variant a lead gets for a step: the same every time it is asked (a retry sends what the first try
 * would have), spread by the variants' weights. '' for a step without variants.
 */
export function variantFor(enrollmentId: string, step: Step, stepIndex: number): string {
  const total = step.variants.reduce((sum, v) => sum + v.weight, 0);
  if (!step.variants.length || total <= 0) return '';
  let point = hash53(`${enrollmentId}:${stepIndex}`, 7) % total;
  for (const variant of step.variants) {
    if (point < variant.weight) return variant.id;
    point -= variant.weight;
  }
  return step.variants[step.variants.length - 1]!.id;
}

export interface StepMessageInput {
  /** with its id, the draft names the sequence and step (the send's audit events carry them for team stats) */
  sequence: Pick<SequenceDoc, 'steps' | 'schedule'> & { id?: string };
  stepIndex: number;
  enrollmentId: string;
  mailboxId: string;
  lead: LeadDoc;
  sender: SenderFields;
  /** what this lead was sent by this sequence before this step, in step order */
  earlier: readonly SentStep[];
}

export type StepMessage = { ok: true; draft: SendDraft; variant: string } | { ok: false; problem: string };

const compiled = new Map<string, ReturnType<typeof compileTemplate>>();

function fill(source: string, mode: TemplateMode, scope: object) {
  const key = `${mode}\u0000${source}`;
  let template = compiled.get(key);
  if (!template) {
    if (compiled.size > 500) compiled.clear();
    template = compileTemplate(source, mode);
    compiled.set(key, template);
  }
  return template.ok ? renderTemplate(template.value, scope) : template;
}

export function stepMessage(input: StepMessageInput): StepMessage {
  const step = input.sequence.steps[input.stepIndex];
  if (!step) return { ok: false, problem: 'The sequence has no such step any more.' };
  const variant = variantFor(input.enrollmentId, step, input.stepIndex);
  const email = step.variants.find((v) => v.id === variant) ?? step;
  const scope = templateScope(input.lead, input.sender);
  const subject = fill(email.subject, 'text', scope);
  const html = fill(email.body, 'html', scope);
  const text = email.text.trim() ? fill(email.text, 'text', scope) : null;
  for (const [part, result] of [
    ['subject', subject],
    ['body', html],
    ['plain text', text],
  ] as const) {
    if (result && !result.ok)
      return { ok: false, problem: `Step ${input.stepIndex + 1} ${part}: ${result.problem.message}` };
  }
  const mode = input.stepIndex > 0 && step.threadWithPrevious ? 'same-thread' : 'new-thread';
  const threaded = threadNextStep(mode, (subject as { value: string }).value.trim(), input.earlier);
  const lead = input.lead;
  const ref = input.sequence.id ? sequenceRefOf(input.sequence.id, step.id) : undefined;
  const toName = [lead.firstName, lead.lastName].filter((s) => s.trim()).join(' ');
  const draft: SendDraft = {
    mailboxId: input.mailboxId,
    to: lead.email,
    ...(toName ? { toName: toName.slice(0, 200) } : {}),
    subject: threaded.subject,
    html: (html as { value: string }).value,
    ...(text?.ok ? { text: text.value } : {}),
    isFirstTouch: input.earlier.length === 0,
    kind: 'sequence',
    ...(ref ? { sequence: ref } : {}),
    ...(lead.timezone ? { leadTimeZone: lead.timezone } : {}),
    window: windowOf(input.sequence.schedule),
    ...(threaded.thread ? { thread: threaded.thread } : {}),
  };
  return { ok: true, draft, variant };
}

/** The gate's whole-hour window for the sequence's schedule, as the draft carries it. */
function windowOf(schedule: SequenceDoc['schedule']): NonNullable<SendDraft['window']> {
  const window = gateWindowOf(scheduleOf(schedule));
  return { ...window, days: [...window.days] };
}

/** Whether step `k` started a thread of its own (the first step, or one sent as a new thread). */
export const startsThread = (sequence: Pick<SequenceDoc, 'steps'>, k: number): boolean =>
  k === 0 || !sequence.steps[k]?.threadWithPrevious;
