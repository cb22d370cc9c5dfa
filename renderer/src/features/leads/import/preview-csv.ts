/**
 * The import wizard's first look at a file: the first 64 KB only, enough to guess the delimiter, whether the
 * first row is a header, and which column holds what.
 */
import { type ColumnMapping, choicesOf, suggestMapping } from '../../../../../shared/leads/csv-mapping';
import {
  guessOtherSeparator,
  parseSample,
  SNIFF_BYTES,
  sniffCsv,
} from '../../../../../shared/leads/csv-sniff';
import { checkEmail } from '../../../../../shared/leads/email';
import { LEAD_LIMITS } from '../../../../../shared/leads/lead';

/** Rows of the file the preview returns. */
const PREVIEW_ROWS = 20;
/** Rows the column guesses look at. */
const GUESS_ROWS = 200;

export interface CsvPreview {
  ok: true;
  headers: string[];
  rows: string[][];
  delimiter: string;
  suggested: ColumnMapping;
  totalBytes: number;
  warnings: string[];
  /** whether the first row looks like a header (it holds no address); the wizard lets the user change it */
  hasHeader: boolean;
  encoding: string;
}

export type PreviewFailure = { ok: false; message: string };

/** The first records as headers and data: a first row holding an address is data, and columns get numbers. */
export function splitHeader(records: readonly string[][]): {
  hasHeader: boolean;
  headers: string[];
  data: string[][];
} {
  const first = records[0] ?? [];
  const hasHeader = !first.some((cell) => checkEmail(cell).ok);
  const width = Math.max(...records.slice(0, GUESS_ROWS).map((r) => r.length));
  const headers = hasHeader
    ? Array.from({ length: width }, (_, i) => first[i]?.trim() ?? '')
    : Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  return { hasHeader, headers, data: hasHeader ? records.slice(1) : [...records] };
}

/** A file of one column without addresses was most likely split by something we do not read. */
export function oneColumnMessage(firstLine: string): string {
  const other = guessOtherSeparator(firstLine);
  const hint = other
    ? `The values seem to be separated by ${other === 'space' ? 'spaces' : `"${other}"`}, but Fairsend reads columns separated by commas, semicolons, tabs or vertical bars (|). Save the file as a comma-separated CSV and choose it again.`
    : 'Fairsend reads columns separated by commas, semicolons, tabs or vertical bars (|).';
  return `The file has only one column, and it holds no email addresses. ${hint}`;
}

/** What the rep should know before mapping: no header, no address column, columns over the custom-field limit. */
export function previewWarnings(hasHeader: boolean, suggested: ColumnMapping, width: number): string[] {
  const warnings: string[] = [];
  if (!hasHeader)
    warnings.push('The first row holds an email address, so it is read as data, not as a header.');
  if (suggested.email < 0)
    warnings.push('No column looks like email addresses: choose the Email column yourself.');
  const left = choicesOf(suggested, width).filter((choice) => choice === 'skip').length;
  if (suggested.custom.length === LEAD_LIMITS.customFields && left > 0) {
    warnings.push(
      `A lead keeps at most ${LEAD_LIMITS.customFields} custom fields, so ${left} columns are skipped. Choose which to keep in the next step.`,
    );
  }
  return warnings;
}

export async function previewCsv(file: Blob): Promise<CsvPreview | PreviewFailure> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const sniff = sniffCsv(head, file.size);
  if (!sniff.ok) return sniff;
  const records = parseSample(sniff.sample, sniff.delimiter, sniff.newline, sniff.complete);
  if (!records.length) {
    return {
      ok: false,
      message:
        'The first rows could not be read: a quote (") seems to open a value that never closes. Check the quotes near the top of the file.',
    };
  }
  const { hasHeader, headers, data } = splitHeader(records);
  if (!data.length && sniff.complete) return { ok: false, message: 'The file has a header but no rows.' };
  const suggested = suggestMapping(headers, data.slice(0, GUESS_ROWS));
  if (headers.length === 1 && suggested.email < 0) {
    return { ok: false, message: oneColumnMessage(sniff.sample.split(/\r\n|\r|\n/, 1)[0] ?? '') };
  }
  return {
    ok: true,
    headers,
    rows: data.slice(0, PREVIEW_ROWS),
    delimiter: sniff.delimiter,
    suggested,
    totalBytes: file.size,
    warnings: [...sniff.warnings, ...previewWarnings(hasHeader, suggested, headers.length)],
    hasHeader,
    encoding: sniff.encoding,
  };
}
