/**
 * What a CSV file is, from its first bytes: refuse what is not text, pick the text encoding, the line
 * ending and the delimiter. The preview and the import worker both call this on the same first
 * SNIFF_BYTES, so they always agree on how the file is read.
 */
import Papa from 'papaparse';

export const SNIFF_BYTES = 65_536;
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];
export type Newline = '\n' | '\r\n' | '\r';
/** Labels TextDecoder knows. UTF-16 is what Excel writes for "Unicode Text". */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface CsvLayout {
  encoding: CsvEncoding;
  delimiter: Delimiter;
  newline: Newline;
  /** the decoded sample, BOM removed; its last line may be cut off when the file is longer */
  sample: string;
  /** true when the sample is the whole file */
  complete: boolean;
  warnings: string[];
}

export type SniffResult = ({ ok: true } & CsvLayout) | { ok: false; message: string };

const SAVE_AS_CSV = 'In Excel or Google Sheets, save or download it as "CSV UTF-8" and choose that file.';

export const DELIMITER_NAMES: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'vertical bar (|)',
};

function formatMegabytes(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024))} MB`;
}

/** Refusals that need only the size and the first bytes. */
function refuse(head: Uint8Array, totalBytes: number): string | null {
  if (totalBytes === 0) return 'The file is empty.';
  if (totalBytes > MAX_FILE_BYTES) {
    return `The file is too large (${formatMegabytes(totalBytes)}); the limit is ${formatMegabytes(MAX_FILE_BYTES)}. Split it into smaller files and import them one after another.`;
  }
  const starts = (...sig: number[]) => sig.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0)) {
    return `This is an Excel workbook (or another packed file), not a CSV. ${SAVE_AS_CSV}`;
  }
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'This is a PDF, not a CSV.';
  return null;
}

function encodingOf(head: Uint8Array): { encoding: CsvEncoding; warning?: string } | null {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be' };
  // A NUL byte never occurs in UTF-8 or Windows-1252 text.
  if (head.includes(0)) return null;
  try {
    // `stream` keeps a character cut in half at the end of the sample from counting as an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8' };
  } catch {
    // Excel on Windows saves "CSV (Comma delimited)" in the Windows code page.
    return {
      encoding: 'windows-1252',
      warning:
        'The file is not UTF-8 text, so it was read as Windows-1252 (Western European). If names with accents look wrong in the preview, save the file as "CSV UTF-8" and choose it again.',
    };
  }
}

/** The first line ending outside quotes. */
export function detectNewline(text: string): Newline {
  const unquoted = text.slice(0, SNIFF_BYTES).replace(/"[^"]*"/g, '');
  const i = unquoted.search(/[\r\n]/);
  if (i < 0 || unquoted[i] === '\n') return '\n';
  return unquoted[i + 1] === '\n' ? '\r\n' : '\r';
}

interface ParsedSample {
  data: string[][];
}

/** Records of a text sample, dropping the last one when it may be cut off. */
export function parseSample(
  text: string,
  delimiter: string,
  newline: Newline,
  complete: boolean,
): string[][] {
  const result: ParsedSample = new Papa.Parser({ delimiter, newline, quoteChar: '"' }).parse(
    text,
    0,
    !complete,
  );
  return result.data.filter((row) => !(row.length === 1 && row[0]?.trim() === ''));
}

/**
 * The delimiter that splits the sample into the most consistent number of columns (more than one).
 * Ties go to the more common delimiter, in the order of DELIMITERS.
 */
export function detectDelimiter(text: string, newline: Newline, complete: boolean): Delimiter {
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const rows = parseSample(text, delimiter, newline, complete).slice(0, 100);
    if (!rows.length) continue;
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    const [columns, times] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [1, 0];
    if (columns < 2) continue;
    // Share of rows with the usual width first; more columns break a tie.
    const score = times / rows.length + columns / 10_000;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/** Reads the first bytes of a file: refusals, encoding, line ending, delimiter. */
export function sniffCsv(head: Uint8Array, totalBytes: number): SniffResult {
  const refusal = refuse(head, totalBytes);
  if (refusal) return { ok: false, message: refusal };
  const found = encodingOf(head);
  if (!found) return { ok: false, message: 'This looks like a binary file, not a CSV.' };
  // TextDecoder drops the byte order mark by default.
  const sample = new TextDecoder(found.encoding).decode(head, { stream: true });
  if (!sample.trim()) {
    if (totalBytes <= head.length) return { ok: false, message: 'The file is empty.' };
    return {
      ok: false,
      message: 'The file starts with more than 64 KB of blank space; it does not look like a CSV.',
    };
  }
  const complete = totalBytes <= head.length;
  const newline = detectNewline(sample);
  const delimiter = detectDelimiter(sample, newline, complete);
  return {
    ok: true,
    encoding: found.encoding,
    delimiter,
    newline,
    sample,
    complete,
    warnings: found.warning ? [found.warning] : [],
  };
}

/**
 * For a sample that splits into one column: the punctuation that seems to separate its values,
 * so the message can name it ("it seems to use ':'").
 */
export function guessOtherSeparator(firstLine: string): string | null {
  const counts = new Map<string, number>();
  for (const ch of firstLine.replace(/"[^"]*"/g, '')) {
    if (/[\p{L}\p{N}\s"'@._-]/u.test(ch)) continue;
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  const [ch] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  return ch ?? (/\S {2,}\S|\S \S/.test(firstLine) ? 'space' : null);
}
