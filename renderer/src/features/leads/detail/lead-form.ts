import { checkEmail } from '../../../../../shared/leads/email';
import {
  isValidTimeZone,
  LEAD_LIMITS,
  type LeadFields,
  normalizeTag,
} from '../../../../../shared/leads/lead';
import type { LeadDoc } from '../../../db/schemas/leads';

/** The lead form as typed: tags as one comma-separated line, custom fields as rows. */
export interface LeadFormValues {
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  timezone: string;
  tags: string;
  custom: { key: string; value: string }[];
}

export type LeadFormErrors = Partial<Record<Exclude<keyof LeadFormValues, 'custom'>, string>> & {
  /** one message per custom row, by index */
  custom?: Record<number, string>;
};

export const TEXT_FIELDS = [
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['company', 'Company'],
  ['title', 'Title'],
] as const;

export function formFromLead(lead?: LeadDoc): LeadFormValues {
  return {
    email: lead?.email ?? '',
    firstName: lead?.firstName ?? '',
    lastName: lead?.lastName ?? '',
    company: lead?.company ?? '',
    title: lead?.title ?? '',
    timezone: lead?.timezone ?? '',
    tags: lead?.tags.join(', ') ?? '',
    custom: Object.entries(lead?.custom ?? {}).map(([key, value]) => ({ key, value })),
  };
}

export function parseTags(line: string): string[] {
  return [...new Set(line.split(',').map(normalizeTag).filter(Boolean))];
}

/** What is wrong, field by field, in words a rep understands; empty when the form can be saved. */
export function validateLeadForm(v: LeadFormValues): LeadFormErrors {
  const errors: LeadFormErrors = {};
  const email = checkEmail(v.email);
  if (!email.ok) errors.email = email.message;
  for (const [key, label] of TEXT_FIELDS) {
    if (v[key].length > LEAD_LIMITS.field)
      errors[key] = `${label} can be at most ${LEAD_LIMITS.field} characters.`;
  }
  if (!isValidTimeZone(v.timezone.trim())) {
    errors.timezone =
      'Not a time zone Fairsend knows. Use an IANA name such as Europe/Berlin or America/New_York.';
  }
  const tags = v.tags.split(',').filter((t) => t.trim());
  if (parseTags(v.tags).length > LEAD_LIMITS.tags)
    errors.tags = `A lead can have at most ${LEAD_LIMITS.tags} tags.`;
  else if (tags.some((t) => t.trim().length > LEAD_LIMITS.tag)) {
    errors.tags = `A tag can be at most ${LEAD_LIMITS.tag} characters.`;
  }
  const custom: Record<number, string> = {};
  const seen = new Set<string>();
  v.custom.forEach(({ key, value }, i) => {
    const k = key.trim();
    if (!k && !value.trim()) return;
    if (!k) custom[i] = 'Give this field a name.';
    else if (k.length > LEAD_LIMITS.customKey)
      custom[i] = `A field name can be at most ${LEAD_LIMITS.customKey} characters.`;
    else if (seen.has(k)) custom[i] = `There is already a field named “${k}”.`;
    else if (value.length > LEAD_LIMITS.customValue) {
      custom[i] = `A value can be at most ${LEAD_LIMITS.customValue.toLocaleString()} characters.`;
    }
    seen.add(k);
  });
  if (seen.size > LEAD_LIMITS.customFields)
    custom[v.custom.length - 1] = `At most ${LEAD_LIMITS.customFields} fields.`;
  if (Object.keys(custom).length) errors.custom = custom;
  return errors;
}

export const hasErrors = (e: LeadFormErrors) => Object.keys(e).length > 0;

/** The repo's input; call only after `validateLeadForm` found nothing. */
export function fieldsFromForm(
  v: LeadFormValues,
): LeadFields & { tags: string[]; custom: Record<string, string> } {
  return {
    email: v.email.trim(),
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    company: v.company.trim(),
    title: v.title.trim(),
    timezone: v.timezone.trim(),
    tags: parseTags(v.tags),
    custom: Object.fromEntries(v.custom.filter((c) => c.key.trim()).map((c) => [c.key.trim(), c.value])),
  };
}
