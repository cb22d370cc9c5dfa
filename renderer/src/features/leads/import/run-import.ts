/**
 * The CSV import pipeline without UI: the wizard and the benchmark call exactly this.
 * `previewCsv` reads only the first 64 KB. `runImport` hands the file to a worker that parses and
 * checks it and posts batches; each batch is stored (one atomic repository write) and acknowledged
 * before the worker gets far ahead. Cancel keeps what was stored; a failure reports how much was stored.
 */
import type { ColumnMapping } from '../../../../../shared/leads/csv-mapping';
import type { ImportedLead, RowProblem } from '../../../../../shared/leads/csv-rows';
import type { DuplicateMode, LeadsRepo } from '../../../db/leads-repo';
import type { MainToWorker, WorkerToMain } from '../../../workers/csv-import-protocol';
import {
  createImportTally,
  type ImportProgress,
  type ImportSummary,
  type RunEnd,
  storeFailureMessage,
} from './import-tally';

export { type CsvPreview, previewCsv } from './preview-csv';
export type { ColumnMapping, DuplicateMode, ImportProgress, ImportSummary, RowProblem };

/** The schema's limit for `source`. */
const SOURCE_MAX = 128;

export interface ImportOptions {
  mapping: ColumnMapping;
  duplicates: DuplicateMode;
  source: string;
  tags?: string[];
  hasHeader?: boolean;
  /** a cell listing addresses becomes one lead per address (the rep's choice; off by default) */
  splitAddressLists?: boolean;
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

/** A value cut to `max` characters, the cut marked with "…". */
export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** "import: leads.csv (2026-11-26)", cut to fit the stored field. */
export function defaultImportSource(fileName: string, date = new Date()): string {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const room = SOURCE_MAX - `import:  (${day})`.length;
  return `import: ${clip(fileName, room)} (${day})`;
}

/** One import's writes, which rank as one unit in the file's order (see rankFor). */
function createBatchWriter(repo: Pick<LeadsRepo, 'importBatch'>, options: ImportOptions) {
  const importId = crypto.randomUUID();
  const source = clip(options.source, SOURCE_MAX);
  let offset = 0;
  return async (leads: ImportedLead[]) => {
    const outcome = await repo.importBatch(leads, options.duplicates, source, { importId, offset });
    offset += leads.length;
    return outcome;
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
  const tally = createImportTally(file.size);
  const write = createBatchWriter(repo, options);
  const report = () => options.onProgress?.(tally.progress());

  return new Promise((resolve) => {
    let writes: Promise<void> = Promise.resolve();
    /** cancelled or failed: batches still queued are not stored */
    let stopping = false;
    /** the worker has said its last word; queued batches are still stored */
    let ended = false;
    let done = false;
    const worker = openWorker();

    const finish = (end: RunEnd) => {
      if (done) return;
      done = true;
      worker.terminate();
      options.signal?.removeEventListener('abort', onAbort);
      resolve(tally.summary(end, Math.round(performance.now() - started)));
    };
    /** No more batches are stored; the one being written (atomic) completes first. */
    const stop = (end: RunEnd) => {
      if (stopping) return;
      stopping = true;
      worker.postMessage({ type: 'cancel' });
      worker.terminate();
      writes = writes.then(() => finish(end));
    };
    const onAbort = () => stop({ cancelled: true });

    /** Stores one batch, then lets the worker read on; a failed write stops the run. */
    const store = async (batch: { seq: number; leads: ImportedLead[] }) => {
      if (stopping) return;
      try {
        tally.stored(await write(batch.leads));
        if (!stopping) worker.postMessage({ type: 'ack', seq: batch.seq });
        report();
      } catch (error) {
        stop({ error: storeFailureMessage(error, tally.kept()) });
      }
    };

    worker.onmessage = ({ data: message }) => {
      if (stopping || ended) return;
      tally.read(message.progress, message.problems);
      if (message.type === 'progress') report();
      else if (message.type === 'batch') writes = writes.then(() => store(message));
      else {
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
      splitAddressLists: options.splitAddressLists ?? false,
    });
  });
}
