/**
 * One CSV row → one lead ready to store, or the reason it is not. Decisions (shown to the user in
 * the import summary):
 * - Row numbers are as a spreadsheet shows them: with a header, the header is row 1.
 * - Missing or invalid address, a value over its limit, unreadable text (U+FFFD from a file that is
 *   not UTF-8), a broken quote, or more values than columns: the row is rejected, nothing of it stored.
 * - An unknown time zone: the lead is kept without a zone, with a warning. Offsets, US abbreviations and
 *   city names are read as zones (time-zones.ts).
 * - Control characters (NUL and friends) are removed silently: they are invisible and never meant.
 *   In names, company and title, tabs and line breaks become a space; custom values keep line breaks.
 * - Values are trimmed and NFC-normalised; formulas like `=HYPERLINK(…)` are stored as they are
 *   (the export escapes them for spreadsheets).
 * - The address cell must hold exactly one address: "liam dubois@acme.com" or "a@x.com b@x.com" is a bad row,
 *   never a guess. A clear list ("a@x.com; b@x.com", or commas) is a bad row too, unless the rep chose to
 *   split lists: then each address becomes a lead with the row's other values.
 */
import type { ColumnMapping } from './csv-mapping';
import type { QuoteProblem } from './csv-reader';
import { DELIMITER_NAMES } from './csv-sniff';
import { checkEmail } from './email';
import { LEAD_LIMITS, type Lead, normalizeTag } from './lead';
import { canonicalTimeZone } from './time-zones';

export { canonicalTimeZone };

/** A lead as the import hands it to the repository (structurally the repo's IncomingLead). */
export type ImportedLead = Pick<
  Lead,
  'id' | 'email' | 'firstName' | 'lastName' | 'company' | 'title' | 'timezone' | 'tags' | 'custom'
>;

export type RowProblemCode =
  | 'missing-email'
  | 'invalid-email'
  | 'several-emails'
  | 'too-long'
  | 'unreadable-text'
  | 'bad-timezone'
  | 'too-many-tags'
  | 'duplicate'
  | 'column-count'
  | 'quotes'
  | 'runaway-quote';

/** rejected: nothing stored; skipped: a duplicate within the file; warning: stored, with a change. */
export type RowProblemKind = 'rejected' | 'skipped' | 'warning';

export interface RowProblem {
  row: number;
  code: RowProblemCode;
  kind: RowProblemKind;
  message: string;
  /** the row's values as the file had them, for a rejected row (so the rep can fix and import it again) */
  cells?: readonly string[];
}

/** A row's leads: one, or one per address when a listed cell was split. */
export type RowResult =
  | { ok: true; leads: ImportedLead[]; warnings: RowProblem[] }
  | { ok: false; problem: RowProblem };

export interface RowReaderOptions {
  mapping: ColumnMapping;
  /** header names, for messages; missing names read "Column N" */
  headers: readonly string[];
  /** tags given to every lead of this import */
  tags?: readonly string[];
  /** a cell listing addresses ("a@x.com; b@x.com") becomes one lead per address instead of a bad row */
  splitAddressLists?: boolean;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAKS = /[\t\r\n\u2028\u2029]+/g;
const TAG_SEPARATORS = /[,;|]/;

const count = (n: number) => n.toLocaleString('en-US');
const quoteValue = (v: string) => `"${v.length > 60 ? `${v.slice(0, 57)}…` : v}"`;

/** Names, company, title: one line, single spaces. */
export function cleanLine(value: string): string {
  return value.normalize('NFC').replace(LINE_BREAKS, ' ').replace(CONTROL, '').replace(/ {2,}/g, ' ').trim();
}

/** Custom values: line breaks kept (notes, icebreakers), as \n. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

/** Splits a tags cell on , ; | and normalises each tag, without duplicates. */
export function splitTags(value: string): string[] {
  return [...new Set(value.split(TAG_SEPARATORS).map(normalizeTag).filter(Boolean))];
}

/** The address as the file wrote it, minus a display name or mailto: (the id holds the normal form). */
function shownAddress(raw: string, normal: string): string {
  let s = cleanLine(raw);
  const angle = /<([^<>]*)>\s*$/.exec(s);
  if (angle?.[1] !== undefined) s = angle[1].trim();
  s = s.replace(/^mailto:/i, '');
  return s.length <= 320 && s.toLowerCase().includes('@') ? s : normal;
}

/** A problem found by one part of the row reader; the reader adds the row number and the kind. */
export interface RowNote {
  code: RowProblemCode;
  message: string;
}

/** A value one part of the row reader read, with a warning when it had to change something. */
export interface Reading<T> {
  value: T;
  warning?: RowNote;
}

/** What a part that can reject the row found. */
export type RowPart<T> = ({ ok: true } & Reading<T>) | { ok: false; reject: RowNote };

const LINE_FIELDS = ['firstName', 'lastName', 'company', 'title'] as const;
type LineFields = Record<(typeof LINE_FIELDS)[number], string>;

/** The cell of a mapped column; '' when the column is not mapped. */
const cellOf = (row: readonly string[], column: number | undefined) =>
  column !== undefined && column >= 0 ? (row[column] ?? '') : '';

const unreadable = (column: string): RowNote => ({
  code: 'unreadable-text',
  message: `${column} has characters that could not be read (the file is not valid UTF-8). Save it as "CSV UTF-8" and import it again.`,
});

type Address = { id: string; email: string };

const addressOf = (raw: string, normal: string): Address => ({
  id: normal,
  email: shownAddress(raw, normal),
});

/** The addresses of a cell that lists them ("a@x.com; b@x.com", commas too), or null when it is not such a list. */
function listedAddresses(raw: string): Address[] | null {
  const parts = raw
    .split(/[;,]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const addresses: Address[] = [];
  for (const part of parts) {
    const check = checkEmail(part);
    if (!check.ok) return null;
    if (!addresses.some((a) => a.id === check.address)) addresses.push(addressOf(part, check.address));
  }
  return addresses.length ? addresses : null;
}

/** Why a cell that is not one address was refused, in the rep's words. */
function notOneAddress(raw: string, column: string, problem: string): RowNote {
  const shown = quoteValue(cleanLine(raw));
  const words = raw.trim().split(/\s+/);
  if (words.length > 1 && words.filter((w) => checkEmail(w).ok).length > 1) {
    return {
      code: 'several-emails',
      message: `${column} holds ${words.length} values separated by spaces (${shown}); a lead has one address. Keep one address in the cell, or separate them with ";" and choose to split lists when importing.`,
    };
  }
  if (/\s/.test(raw.trim()) && raw.includes('@')) {
    return {
      code: 'invalid-email',
      message: `${shown} has a space in it, and an address cannot. Correct the address in ${column} and import the row again.`,
    };
  }
  return { code: 'invalid-email', message: `${shown}: ${problem}` };
}

/**
 * The address cell: its normal form (the lead's id) and the form the file wrote. A cell must hold exactly one
 * address; a list ("a@x.com; b@x.com") gives one address per entry only when `splitLists` is on.
 */
export function readAddress(raw: string, column: string, splitLists = false): RowPart<Address[]> {
  if (!raw.trim())
    return { ok: false, reject: { code: 'missing-email', message: `no email address in ${column}.` } };
  const check = checkEmail(raw);
  if (check.ok) return { ok: true, value: [addressOf(raw, check.address)] };
  const list = listedAddresses(raw);
  if (list?.length === 1) return { ok: true, value: list }; // "a@x.com;": a stray separator, one address
  if (list && splitLists) return { ok: true, value: list };
  if (list) {
    return {
      ok: false,
      reject: {
        code: 'several-emails',
        message: `${column} holds ${list.length} addresses (${quoteValue(cleanLine(raw))}); a lead has one. Keep one, or choose "One lead per address" in the import options.`,
      },
    };
  }
  return { ok: false, reject: notOneAddress(raw, column, check.message) };
}

/** Names, company and title, each on one line and within the field limit. */
function readLineFields(
  row: readonly string[],
  mapping: ColumnMapping,
  columnName: (i: number) => string,
): RowPart<LineFields> {
  const value: LineFields = { firstName: '', lastName: '', company: '', title: '' };
  for (const field of LINE_FIELDS) {
    const column = mapping[field];
    if (column === undefined || column < 0) continue;
    const raw = row[column] ?? '';
    if (raw.includes('\uFFFD')) return { ok: false, reject: unreadable(columnName(column)) };
    const cleaned = cleanLine(raw);
    if (cleaned.length > LEAD_LIMITS.field) {
      return {
        ok: false,
        reject: {
          code: 'too-long',
          message: `${columnName(column)} is ${count(cleaned.length)} characters long; the limit is ${count(LEAD_LIMITS.field)}.`,
        },
      };
    }
    value[field] = cleaned;
  }
  return { ok: true, value };
}

/** Custom fields keep their line breaks; empty ones are left out. */
function readCustomFields(
  row: readonly string[],
  custom: ColumnMapping['custom'],
  columnName: (i: number) => string,
): RowPart<Record<string, string>> {
  const value: Record<string, string> = {};
  for (const { column, key } of custom) {
    const raw = row[column] ?? '';
    if (raw.includes('\uFFFD')) return { ok: false, reject: unreadable(columnName(column)) };
    const cleaned = cleanText(raw);
    if (!cleaned) continue;
    if (cleaned.length > LEAD_LIMITS.customValue) {
      return {
        ok: false,
        reject: {
          code: 'too-long',
          message: `${columnName(column)} is ${count(cleaned.length)} characters long; the limit for a custom field is ${count(LEAD_LIMITS.customValue)}.`,
        },
      };
    }
    value[key] = cleaned;
  }
  return { ok: true, value };
}

/** The time zone cell: a wrong zone costs the zone (with a warning), never the lead. */
export function readTimeZone(raw: string): Reading<string> {
  const text = cleanLine(raw);
  if (!text) return { value: '' };
  const zone = canonicalTimeZone(text);
  if (zone) return { value: zone };
  return {
    value: '',
    warning: {
      code: 'bad-timezone',
      message: `${quoteValue(text)} is not a time zone Fairsend knows (use a name like America/New_York); the lead was imported without one.`,
    },
  };
}

/** The import's own tags first, so they are never the ones cut off at the limit. */
export function mergeTags(importTags: readonly string[], rowTags: readonly string[]): Reading<string[]> {
  const all = [...new Set([...importTags, ...rowTags])];
  const value = all.slice(0, LEAD_LIMITS.tags);
  if (all.length <= LEAD_LIMITS.tags) return { value };
  return {
    value,
    warning: {
      code: 'too-many-tags',
      message: `${all.length} tags; a lead keeps ${LEAD_LIMITS.tags}, so the last ${all.length - LEAD_LIMITS.tags} were left out.`,
    },
  };
}

export function createRowReader({
  mapping,
  headers,
  tags = [],
  splitAddressLists = false,
}: RowReaderOptions) {
  const columnName = (i: number) => `"${headers[i]?.trim() || `Column ${i + 1}`}"`;
  const importTags = [...new Set(tags.map(normalizeTag).filter(Boolean))];

  return function readRow(row: readonly string[], rowNumber: number): RowResult {
    const problem =
      (kind: RowProblemKind) =>
      ({ code, message }: RowNote): RowProblem => ({
        row: rowNumber,
        code,
        kind,
        message: `Row ${rowNumber}: ${message}`,
      });
    const reject = (note: RowNote): RowResult => ({ ok: false, problem: problem('rejected')(note) });

    const address = readAddress(row[mapping.email] ?? '', columnName(mapping.email), splitAddressLists);
    if (!address.ok) return reject(address.reject);
    const fields = readLineFields(row, mapping, columnName);
    if (!fields.ok) return reject(fields.reject);
    const custom = readCustomFields(row, mapping.custom, columnName);
    if (!custom.ok) return reject(custom.reject);
    const timezone = readTimeZone(cellOf(row, mapping.timezone));
    const tagged = mergeTags(importTags, splitTags(cleanLine(cellOf(row, mapping.tags))));

    const leads = address.value.map(
      (where): ImportedLead => ({
        ...where,
        ...fields.value,
        timezone: timezone.value,
        tags: tagged.value,
        custom: custom.value,
      }),
    );
    const warnings = [timezone.warning, tagged.warning].filter((w) => w !== undefined);
    return { ok: true, leads, warnings: warnings.map(problem('warning')) };
  };
}

/**
 * Problems with the row as a whole, before its values are read: broken quotes, and more values
 * than the header has columns (a delimiter inside an unquoted value shifts every column after it).
 */
export function rowShapeProblem(
  row: readonly string[],
  rowNumber: number,
  columns: number,
  delimiter: string,
  quote?: QuoteProblem,
): RowProblem | null {
  const problem = (code: RowProblemCode, message: string): RowProblem => ({
    row: rowNumber,
    code,
    kind: 'rejected',
    message: `Row ${rowNumber}: ${message}`,
  });
  if (quote === 'unclosed-quote') {
    return problem(
      'quotes',
      'a quote (") opens a value that never closes, so this row and everything after it in the file were not imported. Fix the quote and import the rest.',
    );
  }
  if (quote === 'stray-quote') {
    return problem(
      'quotes',
      'a quote (") inside a quoted value is not doubled (write "" for a quote inside quotes), so the row cannot be read reliably.',
    );
  }
  // A quoted value that holds several lines shaped like rows: a quote went missing and swallowed them.
  if (columns >= 3) {
    for (const value of row) {
      if (!value.includes('\n')) continue;
      const rowLike = value.split('\n').filter((line) => line.split(delimiter).length >= columns).length;
      if (rowLike >= 2) {
        return problem(
          'runaway-quote',
          `a quoted value runs across ${count(value.split('\n').length)} lines that look like rows of their own, so a quote (") is probably missing. Neither this row nor the lines inside it were imported; fix the quote and import them again.`,
        );
      }
    }
  }
  if (row.length > columns && row.slice(columns).some((v) => v.trim())) {
    const name = DELIMITER_NAMES[delimiter] ?? `"${delimiter}"`;
    return problem(
      'column-count',
      `${row.length} values, but the header has ${columns} columns. A value probably contains a ${name} without quotes around it.`,
    );
  }
  return null;
}

export function duplicateProblem(rowNumber: number, firstRow: number, address: string): RowProblem {
  return {
    row: rowNumber,
    code: 'duplicate',
    kind: 'skipped',
    message: `Row ${rowNumber}: ${address} is a duplicate of row ${firstRow}; skipped.`,
  };
}
