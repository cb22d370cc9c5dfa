/**
 * What a step's template can name: the lead's fields ({{ first_name }}), its custom CSV columns
 * ({{ custom.icebreaker }}, as the import names them) and the rep's own fields ({{ sender.first_name }}).
 * Blank values are left out of the scope, so a template that uses one without a fallback fails to render
 * instead of sending "Hi ,".
 */
import type { Lead } from '../../leads/lead';

export type TemplateLead = Pick<Lead, 'email' | 'firstName' | 'lastName' | 'company' | 'title'> & {
  custom?: Readonly<Record<string, string>>;
};

/** The rep's fields, keyed as the template names them: first_name, last_name, name, company, title, … */
export type SenderFields = Readonly<Record<string, string>>;

export const LEAD_VARIABLES = ['first_name', 'last_name', 'full_name', 'email', 'company', 'title'] as const;
export const SENDER_VARIABLES = [
  'first_name',
  'last_name',
  'name',
  'company',
  'title',
  'phone',
  'website',
] as const;

export type TemplateScope = Record<string, string | Record<string, string>>;

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

function compact(fields: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (present(value)) out[key] = value;
  return out;
}

export function templateScope(lead: TemplateLead, sender: SenderFields = {}): TemplateScope {
  const fullName = [lead.firstName, lead.lastName].filter(present).join(' ');
  return {
    ...compact({
      first_name: lead.firstName,
      last_name: lead.lastName,
      full_name: fullName,
      email: lead.email,
      company: lead.company,
      title: lead.title,
    }),
    custom: compact(lead.custom ?? {}),
    sender: compact(sender),
  };
}

/** Every name a template may use, for the variable picker and the unknown-variable check. */
export function knownVariables(
  customKeys: Iterable<string>,
  senderKeys: Iterable<string> = SENDER_VARIABLES,
) {
  return [
    ...LEAD_VARIABLES,
    ...[...customKeys].map((key) => `custom.${key}`),
    ...[...senderKeys].map((key) => `sender.${key}`),
  ];
}
