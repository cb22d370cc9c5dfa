/**
 * Do-not-contact lists in and out as CSV. Pure: the screen reads the file and saves the text.
 * In: one address or whole domain per row, from the first column or a column named email / domain.
 * Out: RFC 4180 with every cell guarded against formula injection (shared/leads/export.ts's csvField).
 */
import Papa from 'papaparse';
import { checkEmail, normalizeDomain } from '../../../shared/leads/email';
import { csvField } from '../../../shared/leads/export';
import type { SuppressionDoc } from './schemas/compliance';

export type SuppressionKind = 'address' | 'domain';

export interface DncValue {
  /** 1-based row in the file, the header counted, as a spreadsheet numbers it */
  row: number;
  kind: SuppressionKind;
  /** the normal form: lower-case address, or ASCII domain */
  value: string;
}

export interface DncProblem {
  row: number;
  value: string;
  message: string;
}

export interface DncParse {
  values: DncValue[];
  invalid: DncProblem[];
}

const COLUMN_NAMES = /^(e-?mail(\s*address)?|address|domain|website|value)$/i;

/** An address (anything with "@"), a domain ("example.com" or "@example.com"), or why it is neither. */
export function classifyDncValue(raw: string): { kind: SuppressionKind; value: string } | { error: string } {
  const text = raw.trim();
  const domainOnly = text.startsWith('@') ? text.slice(1) : null;
  if (domainOnly === null && text.includes('@')) {
    const checked = checkEmail(text);
    return checked.ok ? { kind: 'address', value: checked.address } : { error: checked.message };
  }
  const domain = normalizeDomain((domainOnly ?? text).replace(/^https?:\/\//i, '').replace(/\/.*$/, ''));
  return domain ? { kind: 'domain', value: domain } : { error: 'Not an email address or a domain.' };
}

export function parseDncCsv(text: string): DncParse {
  const { data } = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const first = data[0] ?? [];
  const named = first.findIndex((cell) => COLUMN_NAMES.test(cell.trim()));
  // A header row is one whose first cell is not itself an address or a domain.
  const hasHeader = named >= 0 || (first[0] !== undefined && 'error' in classifyDncValue(first[0]));
  const column = Math.max(0, named);
  const values: DncValue[] = [];
  const invalid: DncProblem[] = [];
  data.forEach((record, i) => {
    if (hasHeader && i === 0) return;
    const cell = (record[column] ?? '').trim();
    if (!cell) return;
    const classified = classifyDncValue(cell);
    if ('error' in classified)
      invalid.push({ row: i + 1, value: cell.slice(0, 200), message: classified.error });
    else values.push({ row: i + 1, ...classified });
  });
  return { values, invalid };
}

const KIND_LABEL: Record<SuppressionKind, string> = { address: 'Address', domain: 'Domain' };
const ERASED_VALUE = '(erased lead: address not kept)';

/** One CSV for a chunk of entries; `header: false` for the second and later chunks of one file. */
export function suppressionToCsv(entries: readonly SuppressionDoc[], header = true): string {
  const line = (cells: string[]) => `${cells.map(csvField).join(',')}\r\n`;
  const lines = header ? [line(['Value', 'Kind', 'Reason', 'Note', 'Added', 'Key'])] : [];
  for (const e of entries) {
    lines.push(
      line([
        e.value || ERASED_VALUE,
        KIND_LABEL[e.kind],
        e.reason,
        e.note,
        new Date(e.createdAt).toISOString(),
        e.id,
      ]),
    );
  }
  return lines.join('');
}
