/**
 * The CSV import pipeline without UI: the wizard and the benchmark call exactly this.
 * `previewCsv` reads only the first 64 KB. `runImport` hands the file to a worker that parses and
 * checks it and posts batches; each batch is stored (one atomic repository write) and acknowledged
 * before the worker gets far ahead. Cancel keeps what was stored; a failure reports how much was stored.
 */
import { type ColumnMapping, choicesOf, suggestMapping } from '../../../../../shared/leads/csv-mapping';
import type { RowProblem } from '../../../../../shared/leads/csv-rows';
import {
  guessOtherSeparator,
  parseSample,
  SNIFF_BYTES,
  sniffCsv,
} from '../../../../../shared/leads/csv-sniff';
import { checkEmail } from '../../../../../shared/leads/email';
import { LEAD_LIMITS } from '../../../../../shared/leads/lead';
import type { DuplicateMode, LeadsRepo } from '../../../db/leads-repo';
import type { MainToWorker, WorkerProgress, WorkerToMain } from '../../../workers/csv-import-protocol';

export type { ColumnMapping, DuplicateMode, RowProblem };

/** Rows of the file the preview returns. */
const PREVIEW_ROWS = 20;
/** The schema's limit for `source`. */
const SOURCE_MAX = 128;

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

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  /** data rows read so far (blank lines not counted) */
  rowsRead: number;
  inserted: number;
  merged: number;
  /** already stored (duplicates: skip), or a repeat of an earlier row of the file */
  skipped: number;
  /** rows rejected; their reasons are in `problems` */
  invalid: number;
}

export interface ImportSummary extends ImportProgress {
  /** rejected rows, skipped duplicates and warnings, in file order */
  problems: RowProblem[];
  /** more problems than were kept (the counts stay exact) */
  problemsTruncated: boolean;
  /** the user cancelled: what was stored before stays */
  cancelled: boolean;
  durationMs: number;
  /** why the import stopped early, if it did; what was stored before stays */
  error?: string;
}

export interface ImportOptions {
  mapping: ColumnMapping;
  duplicates: DuplicateMode;
  source: string;
  tags?: string[];
  hasHeader?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

/** The part of a Worker the pipeline uses, so tests can run the worker's engine in-process. */
export interface ImportWorker {
  postMessage(message: MainToWorker): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerToMain>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

function openImportWorker(): ImportWorker {
  return new Worker(new URL('../../../workers/csv-import.worker.ts', import.meta.url), { type: 'module' });
}

/** "import: leads.csv (2026-11-26)", cut to fit the stored field. */
export function defaultImportSource(fileName: string, date = new Date()): string {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const room = SOURCE_MAX - `import:  (${day})`.length;
  const name = fileName.length > room ? `${fileName.slice(0, room - 1)}…` : fileName;
  return `import: ${name} (${day})`;
}

export async function previewCsv(file: Blob): Promise<CsvPreview | { ok: false; message: string }> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const sniff = sniffCsv(head, file.size);
  if (!sniff.ok) return sniff;
  const records = parseSample(sniff.sample, sniff.delimiter, sniff.newline, sniff.complete);
  const first = records[0];
  if (!first) {
    return {
      ok: false,
      message:
        'The first rows could not be read: a quote (") seems to open a value that never closes. Check the quotes near the top of the file.',
    };
  }
  const hasHeader = !first.some((cell) => checkEmail(cell).ok);
  const width = Math.max(...records.slice(0, 200).map((r) => r.length));
  const headers = hasHeader
    ? Array.from({ length: width }, (_, i) => first[i]?.trim() ?? '')
    : Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  const data = hasHeader ? records.slice(1) : records;
  if (!data.length && sniff.complete) return { ok: false, message: 'The file has a header but no rows.' };
  const suggested = suggestMapping(headers, data.slice(0, 200));

  if (width === 1 && suggested.email < 0) {
    const other = guessOtherSeparator(sniff.sample.split(/\r\n|\r|\n/, 1)[0] ?? '');
    const hint = other
      ? `The values seem to be separated by ${other === 'space' ? 'spaces' : `"${other}"`}, but Fairsend reads columns separated by commas, semicolons, tabs or vertical bars (|). Save the file as a comma-separated CSV and choose it again.`
      : 'Fairsend reads columns separated by commas, semicolons, tabs or vertical bars (|).';
    return { ok: false, message: `The file has only one column, and it holds no email addresses. ${hint}` };
  }

  const warnings = [...sniff.warnings];
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
  return {
    ok: true,
    headers,
    rows: data.slice(0, PREVIEW_ROWS),
    delimiter: sniff.delimiter,
    suggested,
    totalBytes: file.size,
    warnings,
    hasHeader,
    encoding: sniff.encoding,
  };
}

export function runImport(
  repo: Pick<LeadsRepo, 'importBatch'>,
  file: Blob,
  options: ImportOptions,
): Promise<ImportSummary> {
  return runImportWith(openImportWorker, repo, file, options);
}

/** `runImport` with the worker supplied (tests run the engine in-process). */
export function runImportWith(
  openWorker: () => ImportWorker,
  repo: Pick<LeadsRepo, 'importBatch'>,
  file: Blob,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = performance.now();
  // One import ranks as one unit, in the file's order (see rankFor).
  const importId = crypto.randomUUID();
  let offset = 0;
  const source =
    options.source.length > SOURCE_MAX ? `${options.source.slice(0, SOURCE_MAX - 1)}…` : options.source;
  const totals: ImportProgress = {
    bytesRead: 0,
    totalBytes: file.size,
    rowsRead: 0,
    inserted: 0,
    merged: 0,
    skipped: 0,
    invalid: 0,
  };
  const problems: RowProblem[] = [];
  let problemsTruncated = false;
  let storeSkipped = 0;
  let fileDuplicates = 0;

  return new Promise((resolve) => {
    let writes: Promise<void> = Promise.resolve();
    /** cancelled or failed: batches still queued are not stored */
    let stopping = false;
    /** the worker has said its last word; queued batches are still stored */
    let ended = false;
    let done = false;
    const worker = openWorker();

    const finish = (end: { cancelled?: boolean; error?: string }) => {
      if (done) return;
      done = true;
      worker.terminate();
      options.signal?.removeEventListener('abort', onAbort);
      resolve({
        ...totals,
        problems,
        problemsTruncated,
        cancelled: end.cancelled ?? false,
        durationMs: Math.round(performance.now() - started),
        ...(end.error ? { error: end.error } : {}),
      });
    };
    /** No more batches are stored; the one being written (atomic) completes first. */
    const stop = (end: { cancelled?: boolean; error?: string }) => {
      if (stopping) return;
      stopping = true;
      worker.postMessage({ type: 'cancel' });
      worker.terminate();
      writes = writes.then(() => finish(end));
    };
    const onAbort = () => stop({ cancelled: true });

    const absorb = (progress: WorkerProgress, more: RowProblem[]) => {
      totals.bytesRead = progress.bytesRead;
      totals.rowsRead = progress.rowsRead;
      totals.invalid = progress.invalid;
      fileDuplicates = progress.duplicates;
      totals.skipped = storeSkipped + fileDuplicates;
      problemsTruncated = progress.problemsTruncated;
      for (const problem of more) problems.push(problem);
    };
    const report = () => options.onProgress?.({ ...totals });

    worker.onmessage = ({ data: message }) => {
      if (stopping || ended) return;
      absorb(message.progress, message.problems);
      if (message.type === 'progress') {
        report();
      } else if (message.type === 'batch') {
        writes = writes.then(async () => {
          if (stopping) return;
          try {
            const outcome = await repo.importBatch(message.leads, options.duplicates, source, {
              importId,
              offset,
            });
            offset += message.leads.length;
            totals.inserted += outcome.inserted;
            totals.merged += outcome.merged;
            storeSkipped += outcome.skipped;
            totals.skipped = storeSkipped + fileDuplicates;
            if (!stopping) worker.postMessage({ type: 'ack', seq: message.seq });
            report();
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            const kept = totals.inserted + totals.merged;
            stop({
              error: `Could not store the leads (${reason}). ${kept.toLocaleString('en-US')} leads stored before this were kept.`,
            });
          }
        });
      } else {
        ended = true;
        const end = message.type === 'failed' ? { error: message.message } : {};
        writes = writes.then(() => {
          report();
          finish(end);
        });
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      stop({ error: `The import stopped unexpectedly${event.message ? `: ${event.message}` : ''}.` });
    };

    if (options.signal?.aborted) return stop({ cancelled: true });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage({
      type: 'start',
      file,
      mapping: options.mapping,
      duplicates: options.duplicates,
      hasHeader: options.hasHeader ?? true,
      tags: options.tags ?? [],
    });
  });
}
