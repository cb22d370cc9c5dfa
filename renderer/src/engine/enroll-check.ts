/**
 * Who may be enrolled in a sequence, pure: each lead either goes in or is skipped with one reason the
 * enroll dialog counts ("12 suppressed, 3 already in a sequence"). The gate still checks every send; these
 * checks only keep leads out that could never get one.
 */
import { checkEmail } from '../../../shared/leads/email';
import type { NamedTemplate, RenderGap } from '../../../shared/sequences/templates/render-check';
import { leadsThatCannotRender } from '../../../shared/sequences/templates/render-check';
import { type SenderFields, templateScope } from '../../../shared/sequences/templates/scope';
import type { LeadDoc } from '../db/schemas/leads';
import type { SequenceDoc } from '../db/schemas/outreach';
import type { SkipReason } from './skip-reasons';

export { SKIP_REASONS, SKIP_WORDS, type SkipReason } from './skip-reasons';

/** What a lead already has in sequences: any live enrollment, and whether one is this sequence's. */
export interface LeadEnrollments {
  live: boolean;
  inThisSequence: boolean;
}

export interface EnrollJudgement {
  admitted: LeadDoc[];
  skipped: { leadId: string; reason: SkipReason }[];
  gaps: RenderGap[];
}

/** Every template of a sequence, as the launch check names them ("Step 2 subject (variant B)"). */
export function sequenceTemplates(sequence: Pick<SequenceDoc, 'steps'>): NamedTemplate[] {
  const out: NamedTemplate[] = [];
  sequence.steps.forEach((step, i) => {
    const emails = step.variants.length
      ? step.variants.map((v, k) => ({ ...v, label: ` (variant ${String.fromCharCode(65 + k)})` }))
      : [{ ...step, label: '' }];
    for (const email of emails) {
      const name = `Step ${i + 1}`;
      out.push({ label: `${name} subject${email.label}`, source: email.subject, mode: 'text' });
      out.push({ label: `${name} body${email.label}`, source: email.body, mode: 'html' });
      if (email.text.trim())
        out.push({ label: `${name} plain text${email.label}`, source: email.text, mode: 'text' });
    }
  });
  return out;
}

/**
 * Sorts one chunk of leads: missing, suppressed (the flag, or a bounced or opted-out status), already
 * enrolled, an address that is not one, then the templates' check over those left.
 */
export function judgeLeads(
  leadIds: readonly string[],
  found: ReadonlyMap<string, LeadDoc>,
  enrolled: ReadonlyMap<string, LeadEnrollments>,
  templates: readonly NamedTemplate[],
  sender: SenderFields = {},
): EnrollJudgement {
  const skipped: EnrollJudgement['skipped'] = [];
  const candidates: LeadDoc[] = [];
  for (const leadId of leadIds) {
    const lead = found.get(leadId);
    const reason = !lead ? 'not-found' : firstReason(lead, enrolled.get(leadId));
    if (reason) skipped.push({ leadId, reason });
    else candidates.push(lead!);
  }
  const check = leadsThatCannotRender(
    templates,
    candidates.map((lead) => ({ id: lead.id, scope: templateScope(lead, sender) })),
  );
  const cannot = new Set(check.gaps.flatMap((gap) => gap.leadIds));
  // a template that fails for everyone (a syntax error) fails every lead: the editor shows where
  if (check.templateProblems.length) for (const lead of candidates) cannot.add(lead.id);
  for (const id of cannot) skipped.push({ leadId: id, reason: 'cannot-render' });
  return { admitted: candidates.filter((lead) => !cannot.has(lead.id)), skipped, gaps: check.gaps };
}

function firstReason(lead: LeadDoc, enrolled: LeadEnrollments | undefined): SkipReason | null {
  if (lead.suppressed === 1 || lead.status === 'opted-out' || lead.status === 'bounced') return 'suppressed';
  if (lead.status === 'replied') return 'replied';
  if (enrolled?.live) return 'in-active-sequence';
  if (enrolled?.inThisSequence) return 'already-in-sequence';
  if (!checkEmail(lead.email).ok) return 'invalid-address';
  return null;
}

/** 53 bits of a string (cyrb53): with two seeds, an id no two (sequence, lead) pairs share in practice. */
export function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * An enrollment's id: short and the same for the same sequence and lead (two windows enrolling one lead
 * collide instead of enrolling it twice), so its send key `id:step` fits a message's 64-character id.
 */
export function enrollmentIdOf(sequenceId: string, leadId: string): string {
  const text = `${sequenceId}|${leadId}`;
  return `e${hash53(text, 1).toString(36).padStart(11, '0')}${hash53(text, 2).toString(36).padStart(11, '0')}`;
}
