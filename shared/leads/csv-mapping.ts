/**
 * Which CSV column goes to which lead field. Suggested from the header names that Apollo, Outreach,
 * HubSpot, Salesforce and spreadsheets use, and from the values when no header says "email".
 */
import { checkEmail } from './email';
import { LEAD_LIMITS } from './lead';

/** Column indexes (0-based) for each field; `custom` keeps a column under a key (`{{ custom.key }}`). */
export interface ColumnMapping {
  email: number;
  firstName?: number;
  lastName?: number;
  company?: number;
  title?: number;
  timezone?: number;
  tags?: number;
  custom: { column: number; key: string }[];
}

export const STANDARD_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'company',
  'title',
  'timezone',
  'tags',
] as const;
export type StandardField = (typeof STANDARD_FIELDS)[number];
/** What one column becomes, as the mapping screen offers it. */
export type ColumnChoice = StandardField | 'custom' | 'skip';

export const CHOICE_LABELS: Record<ColumnChoice, string> = {
  email: 'Email',
  firstName: 'First name',
  lastName: 'Last name',
  company: 'Company',
  title: 'Title',
  timezone: 'Time zone',
  tags: 'Tags',
  custom: 'Custom field',
  skip: 'Skip',
};

/** Header names per field, compared after `headerKey`; earlier names win over later ones. */
const SYNONYMS: Record<StandardField, readonly string[]> = {
  email: [
    'email',
    'e mail',
    'email address',
    'e mail address',
    'work email',
    'business email',
    'primary email',
    'contact email',
    'email 1',
    'emails',
    'mail',
    'lead email',
    'person email',
  ],
  firstName: ['first name', 'firstname', 'first', 'given name', 'forename', 'fname', 'contact first name'],
  lastName: ['last name', 'lastname', 'last', 'surname', 'family name', 'lname', 'contact last name'],
  company: [
    'company',
    'company name',
    'organization',
    'organisation',
    'organization name',
    'organisation name',
    'account',
    'account name',
    'employer',
  ],
  title: ['title', 'job title', 'position', 'job position', 'role', 'job role', 'designation'],
  timezone: ['time zone', 'timezone', 'tz', 'time zone name', 'lead time zone', 'contact time zone'],
  tags: ['tags', 'tag', 'labels', 'label'],
};

/** Lower case, letters and digits only, single spaces: "E-Mail_Address " → "e mail address". */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A key that is safe in a template and in a stored object: `[a-z][a-z0-9_]*`, at most
 * LEAD_LIMITS.customKey long, unique among `taken` (which it is added to).
 */
export function customKeyFor(header: string, column: number, taken: Set<string>): string {
  let base = headerKey(header)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!base) base = `column_${column + 1}`;
  if (!/^[a-z]/.test(base)) base = `f_${base}`;
  base = base.slice(0, LEAD_LIMITS.customKey);
  let key = base;
  for (let n = 2; taken.has(key); n++)
    key = `${base.slice(0, LEAD_LIMITS.customKey - String(n).length - 1)}_${n}`;
  taken.add(key);
  return key;
}

/** Share of the non-empty sample values in a column that are valid addresses. */
export function addressShare(rows: readonly (readonly string[])[], column: number): number {
  let filled = 0;
  let valid = 0;
  for (const row of rows) {
    const value = row[column]?.trim();
    if (!value) continue;
    filled++;
    if (checkEmail(value).ok) valid++;
  }
  return filled ? valid / filled : 0;
}

/** The column that most looks like the address: an email header first, else mostly addresses in the values. */
function findEmailColumn(headers: readonly string[], rows: readonly (readonly string[])[]): number {
  const keys = headers.map(headerKey);
  for (const name of SYNONYMS.email) {
    const i = keys.indexOf(name);
    if (i >= 0) return i;
  }
  // "Email (work)" or "Lead e-mail", but not Apollo's "Email Status" or "Email Sent": the values decide.
  let best = -1;
  let bestShare = 0.5;
  for (let i = 0; i < headers.length; i++) {
    const share = addressShare(rows, i);
    const named = /\be ?mail\b/.test(keys[i] ?? '');
    if (share > bestShare || (named && share > 0.5 && best < 0)) {
      best = i;
      bestShare = share;
    }
  }
  return best;
}

/**
 * The suggested mapping. `email` is -1 when no column holds addresses (the user must pick one).
 * Every column that is not a standard field is offered as a custom field, up to LEAD_LIMITS.customFields,
 * except columns whose sample is entirely empty.
 */
export function suggestMapping(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): ColumnMapping {
  const keys = headers.map(headerKey);
  const used = new Set<number>();
  const mapping: ColumnMapping = { email: findEmailColumn(headers, rows), custom: [] };
  if (mapping.email >= 0) used.add(mapping.email);
  for (const field of STANDARD_FIELDS) {
    if (field === 'email') continue;
    for (const name of SYNONYMS[field]) {
      const i = keys.indexOf(name);
      if (i >= 0 && !used.has(i)) {
        mapping[field] = i;
        used.add(i);
        break;
      }
    }
  }
  const taken = new Set<string>();
  for (let i = 0; i < headers.length && mapping.custom.length < LEAD_LIMITS.customFields; i++) {
    if (used.has(i)) continue;
    const hasValues = rows.some((row) => row[i]?.trim());
    if (!hasValues && !keys[i]) continue;
    mapping.custom.push({ column: i, key: customKeyFor(headers[i] ?? '', i, taken) });
  }
  return mapping;
}

/** One choice per column, as the mapping screen shows them. */
export function choicesOf(mapping: ColumnMapping, columnCount: number): ColumnChoice[] {
  const choices: ColumnChoice[] = Array.from({ length: columnCount }, () => 'skip');
  for (const field of STANDARD_FIELDS) {
    const column = mapping[field];
    if (column !== undefined && column >= 0 && column < columnCount) choices[column] = field;
  }
  for (const { column } of mapping.custom) if (column < columnCount) choices[column] = 'custom';
  return choices;
}

export type MappingResult = { ok: true; mapping: ColumnMapping } | { ok: false; message: string };

/**
 * A mapping from the screen's choices, or why it cannot be used: no Email column, a field chosen for two
 * columns, too many custom fields. Custom keys come from the headers (`keys` may keep earlier ones).
 */
export function mappingFromChoices(
  choices: readonly ColumnChoice[],
  headers: readonly string[],
): MappingResult {
  const mapping: ColumnMapping = { email: -1, custom: [] };
  const taken = new Set<string>();
  const name = (i: number) => `"${headers[i] || `Column ${i + 1}`}"`;
  for (let i = 0; i < choices.length; i++) {
    const choice = choices[i];
    if (!choice || choice === 'skip') continue;
    if (choice === 'custom') {
      mapping.custom.push({ column: i, key: customKeyFor(headers[i] ?? '', i, taken) });
      continue;
    }
    const before = mapping[choice];
    if (before !== undefined && before >= 0) {
      return {
        ok: false,
        message: `${CHOICE_LABELS[choice]} is chosen for two columns, ${name(before)} and ${name(i)}. Choose one.`,
      };
    }
    mapping[choice] = i;
  }
  if (mapping.email < 0) return { ok: false, message: 'Choose the column that holds the email address.' };
  if (mapping.custom.length > LEAD_LIMITS.customFields) {
    return {
      ok: false,
      message: `${mapping.custom.length} columns are custom fields; a lead keeps at most ${LEAD_LIMITS.customFields}. Skip the ones you do not need.`,
    };
  }
  return { ok: true, mapping };
}
