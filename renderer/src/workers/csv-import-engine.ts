/**
 * The import worker's logic, apart from the worker globals so it runs (and is tested) in Node too.
 * Reads the file in slices (never all of it at once), decodes with a streaming TextDecoder, parses,
 * checks every row and posts batches of leads. It never runs more than MAX_UNACKED batches ahead of
 * the database: it waits for an ack before posting the next one, so reading pauses while writes lag.
 */
import { type CsvPiece, CsvReader, MAX_RECORD_CHARS } from '../../../shared/leads/csv-reader';
import {
  createRowReader,
  duplicateProblem,
  type ImportedLead,
  type RowProblem,
  rowShapeProblem,
} from '../../../shared/leads/csv-rows';
import { SNIFF_BYTES, sniffCsv } from '../../../shared/leads/csv-sniff';
import {
  BATCH_SIZE,
  MAX_PROBLEMS,
  MAX_UNACKED,
  type StartRequest,
  type WorkerProgress,
  type WorkerToMain,
} from './csv-import-protocol';

/** Bytes read per slice: progress moves often, memory stays flat. */
export const READ_CHUNK_BYTES = 1024 * 1024;
/** At most this often a progress message when no batch carries one (all rows invalid, or a slow start). */
const PROGRESS_EVERY_MS = 100;

export interface ImportEngine {
  run(): Promise<void>;
  /** the batch `seq` is stored */
  ack(seq: number): void;
  cancel(): void;
}

const isBlank = (record: readonly string[]) => record.every((v) => !v.trim());

export function createImportEngine(
  start: StartRequest,
  post: (message: WorkerToMain) => void,
  chunkBytes = READ_CHUNK_BYTES,
): ImportEngine {
  const { file } = start;
  const progress: WorkerProgress = {
    bytesRead: 0,
    totalBytes: file.size,
    rowsRead: 0,
    invalid: 0,
    duplicates: 0,
    problemsTruncated: false,
    headers: [],
  };
  let problems: RowProblem[] = [];
  let problemsKept = 0;
  let cancelled = false;
  let unacked = 0;
  let seq = 0;
  let wake: (() => void) | null = null;
  let lastPost = 0;

  let batch: ImportedLead[] = [];
  const batchIds = new Set<string>();
  /** normalised address → the row it first appeared on */
  const firstRowOf = new Map<string, number>();
  let readRow: ReturnType<typeof createRowReader> | null = null;
  let columns = 0;

  const addProblem = (problem: RowProblem) => {
    if (problemsKept >= MAX_PROBLEMS) {
      progress.problemsTruncated = true;
      return;
    }
    problems.push(problem);
    problemsKept++;
  };
  const takeProblems = () => {
    const taken = problems;
    problems = [];
    return taken;
  };
  const send = (message: WorkerToMain) => {
    lastPost = performance.now();
    post(message);
  };
  const fail = (message: string) =>
    send({ type: 'failed', message, problems: takeProblems(), progress: { ...progress } });

  async function flush(): Promise<void> {
    if (!batch.length) return;
    while (unacked >= MAX_UNACKED && !cancelled) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (cancelled) return;
    unacked++;
    send({ type: 'batch', seq: ++seq, leads: batch, problems: takeProblems(), progress: { ...progress } });
    batch = [];
    batchIds.clear();
  }

  async function take(piece: CsvPiece, delimiter: string): Promise<void> {
    for (let i = 0; i < piece.records.length && !cancelled; i++) {
      const index = piece.first + i;
      const record = piece.records[i] ?? [];
      const rowNumber = index + 1;
      if (!readRow) {
        columns = record.length;
        const headers = start.hasHeader ? record : record.map((_, c) => `Column ${c + 1}`);
        progress.headers = [...headers];
        readRow = createRowReader({
          mapping: start.mapping,
          headers,
          tags: start.tags,
          splitAddressLists: start.splitAddressLists ?? false,
        });
        if (start.hasHeader) continue;
      }
      if (isBlank(record)) continue;
      progress.rowsRead++;
      const shape = rowShapeProblem(record, rowNumber, columns, delimiter, piece.problems.get(index));
      // A rejected row carries its values, so the rep can fix it in the problems file and import it again.
      if (shape) {
        progress.invalid++;
        addProblem({ ...shape, cells: record });
        continue;
      }
      const result = readRow(record, rowNumber);
      if (!result.ok) {
        progress.invalid++;
        addProblem({ ...result.problem, cells: record });
        continue;
      }
      for (const warning of result.warnings) addProblem(warning);
      for (const lead of result.leads) await keep(lead, rowNumber);
    }
  }

  /** One lead of a row into the batch, unless it repeats an earlier row of the file and repeats are skipped. */
  async function keep(lead: ImportedLead, rowNumber: number): Promise<void> {
    const firstRow = firstRowOf.get(lead.id);
    if (firstRow === undefined) {
      firstRowOf.set(lead.id, rowNumber);
    } else if (start.duplicates === 'skip') {
      progress.duplicates++;
      addProblem(duplicateProblem(rowNumber, firstRow, lead.id));
      return;
    } else if (batchIds.has(lead.id)) {
      // Merge mode: store the first one, then this one merges into it (a batch must not hold an id twice).
      await flush();
    }
    batch.push(lead);
    batchIds.add(lead.id);
    if (batch.length >= BATCH_SIZE) await flush();
  }

  async function run(): Promise<void> {
    if (start.mapping.email < 0) return fail('Choose the column that holds the email address.');
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    const sniff = sniffCsv(head, file.size);
    if (!sniff.ok) return fail(sniff.message);
    const reader = new CsvReader(sniff.delimiter, sniff.newline);
    // Non-fatal: a bad byte becomes U+FFFD, which the row check rejects with a clear message.
    const decoder = new TextDecoder(sniff.encoding);

    for (let pos = 0; pos < file.size && !cancelled; ) {
      const end = Math.min(pos + chunkBytes, file.size);
      const bytes = new Uint8Array(await file.slice(pos, end).arrayBuffer());
      pos = end;
      progress.bytesRead = pos;
      const piece = reader.push(decoder.decode(bytes, { stream: pos < file.size }));
      await take(piece, sniff.delimiter);
      if (piece.runaway !== undefined) {
        const row = piece.runaway + 1;
        progress.invalid++;
        await flush();
        return fail(
          `Row ${row}: a quote (") opens a value that is still open ${Math.round(MAX_RECORD_CHARS / 1024)} KB later, so the file cannot be read past it. Rows before it were imported; fix the quote in row ${row} and import the rest.`,
        );
      }
      if (performance.now() - lastPost > PROGRESS_EVERY_MS) {
        send({ type: 'progress', problems: takeProblems(), progress: { ...progress } });
      }
    }
    if (cancelled) return;
    await take(reader.end(), sniff.delimiter);
    await flush();
    if (cancelled) return;
    if (!readRow) return fail('The file is empty.');
    if (progress.rowsRead === 0)
      return fail(start.hasHeader ? 'The file has a header but no rows.' : 'The file has no rows.');
    send({ type: 'done', problems: takeProblems(), progress: { ...progress } });
  }

  return {
    async run() {
      try {
        await run();
      } catch (error) {
        // e.g. the file changed or vanished on disk after it was chosen
        fail(`The file could not be read: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    ack() {
      unacked = Math.max(0, unacked - 1);
      wake?.();
      wake = null;
    },
    cancel() {
      cancelled = true;
      wake?.();
      wake = null;
    },
  };
}
