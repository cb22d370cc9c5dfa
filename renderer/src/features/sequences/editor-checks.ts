/**
 * What the editor checks, pure: each template as the rep types (a syntax error or an unknown variable, at its
 * line and column), and the whole sequence before it is saved. Every message is words a rep reads.
 */
import { checkTemplate } from '../../../../shared/sequences/templates/check';
import type { TemplateMode, TemplateProblem } from '../../../../shared/sequences/templates/engine';
import type { SequenceFields, SequenceStep } from '../../db/sequences-repo';
import { variantLetter } from './editor-steps';

export type EmailPart = 'subject' | 'body' | 'text';

export const PART_MODE: Record<EmailPart, TemplateMode> = { subject: 'text', body: 'html', text: 'text' };
export const PART_NAME: Record<EmailPart, string> = {
  subject: 'subject',
  body: 'message',
  text: 'plain-text part',
};

/** "Line 2, column 14: No lead field, column or sender field is called frist_name." */
export function problemWords(problem: TemplateProblem): string {
  const at = problem.line > 0 ? `Line ${problem.line}, column ${problem.column}: ` : '';
  return `${at}${problem.message}`;
}

export function templateProblems(
  source: string,
  part: EmailPart,
  known: readonly string[],
): TemplateProblem[] {
  if (!source.trim()) return [];
  return checkTemplate(source, PART_MODE[part], known).problems;
}

export interface SequenceProblem {
  /** "Step 2, variant B, message" — where to look */
  where: string;
  message: string;
}

interface Email {
  subject: string;
  body: string;
  text: string;
}

/** The emails of a step as the rep sees them: its own, or each variant with its letter. */
export function emailsOf(step: SequenceStep): { label: string; email: Email }[] {
  return step.variants.length
    ? step.variants.map((v, i) => ({ label: `variant ${variantLetter(i)}`, email: v }))
    : [{ label: '', email: step }];
}

/**
 * A column the sampled leads lack (use-editor-data.ts) may still be on older ones: it is shown as the rep
 * types but does not stop a save; the check at enrollment renders each lead and says who misses it.
 */
const blocksSaving = (p: TemplateProblem) =>
  !(p.code === 'unknown-variable' && p.variable?.startsWith('custom.'));

function emailProblems(where: string, email: Email, usesSubject: boolean, known: readonly string[]) {
  const out: SequenceProblem[] = [];
  if (usesSubject && !email.subject.trim()) out.push({ where, message: 'The subject is empty.' });
  if (!email.body.trim()) out.push({ where, message: 'The message is empty.' });
  for (const part of ['subject', 'body', 'text'] as const) {
    if (part === 'subject' && !usesSubject) continue;
    for (const p of templateProblems(email[part], part, known).filter(blocksSaving))
      out.push({ where: `${where}, ${PART_NAME[part]}`, message: problemWords(p) });
  }
  return out;
}

function stepProblems(step: SequenceStep, index: number, known: readonly string[]): SequenceProblem[] {
  const name = `Step ${index + 1}`;
  const out: SequenceProblem[] = [];
  if (!Number.isInteger(step.delayBusinessDays) || step.delayBusinessDays < 0 || step.delayBusinessDays > 60)
    out.push({ where: name, message: 'The wait is a whole number of business days from 0 to 60.' });
  // a same-thread follow-up goes out as "Re: " plus the first subject: its own subject is not used
  const usesSubject = index === 0 || !step.threadWithPrevious;
  for (const { label, email } of emailsOf(step))
    out.push(...emailProblems(label ? `${name}, ${label}` : name, email, usesSubject, known));
  if (step.variants.length) {
    const total = step.variants.reduce((sum, v) => sum + v.weight, 0);
    if (total !== 100)
      out.push({ where: name, message: `The variants' shares add up to ${total}%, not 100%.` });
  }
  return out;
}

function scheduleProblems(fields: SequenceFields): SequenceProblem[] {
  const out: SequenceProblem[] = [];
  const where = 'Schedule';
  const { sendDays, startMinute, endMinute } = fields.schedule;
  if (!sendDays.length) out.push({ where, message: 'Choose at least one day to send on.' });
  if (endMinute <= startMinute) out.push({ where, message: 'The send window ends before it starts.' });
  else if (endMinute - startMinute < 30)
    out.push({ where, message: 'The send window is shorter than 30 minutes.' });
  if (!Number.isInteger(fields.dailyLimit) || fields.dailyLimit < 0 || fields.dailyLimit > 100_000)
    out.push({ where, message: 'The daily limit is a whole number from 0 (no limit) to 100,000.' });
  return out;
}

/** Everything that keeps the sequence from being saved, in the order the editor shows it. */
export function sequenceProblems(fields: SequenceFields, known: readonly string[]): SequenceProblem[] {
  return [...fields.steps.flatMap((step, i) => stepProblems(step, i, known)), ...scheduleProblems(fields)];
}

/** "09:00" for the time input; the end of the day (1440) is "24:00"'s "00:00". */
export function minuteToTime(minute: number): string {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The time input's "HH:MM" in minutes; an end at "00:00" is midnight at the end of the day. */
export function timeToMinute(time: string, isEnd = false): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return null;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  if (minute >= 1440) return null;
  return isEnd && minute === 0 ? 1440 : minute;
}
