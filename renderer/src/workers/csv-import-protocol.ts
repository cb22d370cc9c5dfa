/** Messages between the import pipeline (main thread) and the CSV import worker. */
import type { ColumnMapping } from '../../../shared/leads/csv-mapping';
import type { ImportedLead, RowProblem } from '../../../shared/leads/csv-rows';

export type DuplicateMode = 'skip' | 'merge';

/** Leads per batch: one repository write, small enough to keep each main-thread task short. */
export const BATCH_SIZE = 500;
/** Batches posted but not yet stored before the worker stops reading. */
export const MAX_UNACKED = 2;
/** Problems kept for the summary; later ones are only counted. */
export const MAX_PROBLEMS = 10_000;

export interface StartRequest {
  type: 'start';
  file: Blob;
  mapping: ColumnMapping;
  duplicates: DuplicateMode;
  hasHeader: boolean;
  tags: string[];
  /** a cell listing addresses ("a@x.com; b@x.com") becomes one lead per address instead of a bad row */
  splitAddressLists?: boolean;
}

export type MainToWorker = StartRequest | { type: 'ack'; seq: number } | { type: 'cancel' };

export interface WorkerProgress {
  bytesRead: number;
  totalBytes: number;
  /** data rows read, blank lines not counted */
  rowsRead: number;
  /** rows rejected */
  invalid: number;
  /** rows skipped as duplicates of an earlier row of the file */
  duplicates: number;
  problemsTruncated: boolean;
  /** the file's column names (or "Column N"), once read: the problems CSV repeats them beside each bad row */
  headers: string[];
}

export type WorkerToMain =
  | { type: 'batch'; seq: number; leads: ImportedLead[]; problems: RowProblem[]; progress: WorkerProgress }
  | { type: 'progress'; problems: RowProblem[]; progress: WorkerProgress }
  | { type: 'done'; problems: RowProblem[]; progress: WorkerProgress }
  /** the file cannot be imported (or reading stopped): nothing after this is stored */
  | { type: 'failed'; message: string; problems: RowProblem[]; progress: WorkerProgress };
