/**
 * Leads out of Fairsend: CSV (RFC 4180) for spreadsheets and other CRMs, JSON for tools.
 * Pure: the screen reads the rows in chunks and joins the pieces into one file.
 */
import { LEAD_STATUS_LABELS, type Lead } from './lead';

/** The exported part of a lead: what the rep entered or imported, plus status, source and dates. */
export type ExportRow = Pick<
  Lead,
  | 'email'
  | 'firstName'
  | 'lastName'
  | 'company'
  | 'title'
  | 'timezone'
  | 'status'
  | 'source'
  | 'tags'
  | 'custom'
  | 'createdAt'
  | 'updatedAt'
>;

export interface CsvOptions {
  /** one column per custom field, in this order, after the standard columns */
  customKeys: readonly string[];
  /** false for the second and later chunks of one file */
  header?: boolean;
}

const COLUMNS: readonly [string, (row: ExportRow) => string][] = [
  ['Email', (r) => r.email],
  ['First name', (r) => r.firstName],
  ['Last name', (r) => r.lastName],
  ['Company', (r) => r.company],
  ['Title', (r) => r.title],
  ['Time zone', (r) => r.timezone],
  ['Status', (r) => LEAD_STATUS_LABELS[r.status]],
  ['Tags', (r) => r.tags.join('; ')],
  ['Source', (r) => r.source],
  ['Created', (r) => new Date(r.createdAt).toISOString()],
  ['Updated', (r) => new Date(r.updatedAt).toISOString()],
];

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before one) as a formula (CSV injection,
 * OWASP). A leading apostrophe makes it text. Applied to every cell, the header too, since custom keys come from files.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field with a quote, comma or line break is quoted, and its quotes doubled. */
export function csvField(value: string): string {
  const safe = neutralizeFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const csvLine = (fields: readonly string[]) => `${fields.map(csvField).join(',')}\r\n`;

/** The CSV of these rows: a header line (unless `header: false`), then one CRLF-ended line per lead. */
export function leadsToCsv(rows: readonly ExportRow[], { customKeys, header = true }: CsvOptions): string {
  const lines: string[] = [];
  if (header) lines.push(csvLine([...COLUMNS.map(([name]) => name), ...customKeys]));
  for (const row of rows) {
    lines.push(
      csvLine([...COLUMNS.map(([, get]) => get(row)), ...customKeys.map((key) => row.custom[key] ?? '')]),
    );
  }
  return lines.join('');
}

function toJsonRecord(r: ExportRow) {
  return {
    email: r.email,
    firstName: r.firstName,
    lastName: r.lastName,
    company: r.company,
    title: r.title,
    timezone: r.timezone,
    status: r.status,
    tags: r.tags,
    source: r.source,
    custom: r.custom,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** A JSON array of leads, one per line, so a chunked file joins into one valid array. */
export function leadsToJson(rows: readonly ExportRow[]): string {
  return `[${jsonChunk(rows, true)}\n]\n`;
}

/** The array's elements for one chunk; `first` leaves out the comma that joins it to the chunk before. */
export function jsonChunk(rows: readonly ExportRow[], first: boolean): string {
  return rows.map((r, i) => `${first && i === 0 ? '' : ','}\n${JSON.stringify(toJsonRecord(r))}`).join('');
}

/** The custom field names of these rows, in first-seen order; export reads every chunk through it first. */
export function collectCustomKeys(
  rows: readonly Pick<ExportRow, 'custom'>[],
  into = new Set<string>(),
): Set<string> {
  for (const row of rows) for (const key of Object.keys(row.custom)) into.add(key);
  return into;
}

/** `fairsend-leads-2026-11-26.csv`, in the local date. */
export function exportFileName(format: 'csv' | 'json', now: Date): string {
  return datedFileName('leads', format, now);
}

/** `fairsend-<what>-YYYY-MM-DD.<ext>`, in the rep's local date. */
export function datedFileName(what: string, ext: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `fairsend-${what}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.${ext}`;
}
