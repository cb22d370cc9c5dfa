/** What the leads bench page exposes to the driver (as `globalThis.fairsendBench`). Types only: no DOM, no Node. */

export interface Timed {
  ms: number;
}

export interface Prepared extends Timed {
  rows: number;
  bytes: number;
  /** companies that occur in the file, for the company filter */
  companies: string[];
}

export interface ImportMeasure extends Timed {
  /** the preview step alone (sniff, parse the head, suggest a mapping) */
  previewMs: number;
  /** the longest main-thread task during preview + import, 0 if none reached 50 ms (the browser's threshold) */
  maxTaskMs: number;
  longTasks: number;
  inserted: number;
  merged: number;
  skipped: number;
  invalid: number;
  cancelled: boolean;
  error: string | null;
}

export interface FloorMeasure extends Timed {
  docs: number;
  /** documents per transaction: the import's batch size */
  chunk: number;
  maxTaskMs: number;
}

export interface ListMeasure extends Timed {
  total: number;
  rows: number;
}

export interface JumpMeasure extends Timed {
  /** each jump's time, in the order of `at` */
  each: number[];
  /** rows present after each jump (100 when the page came in whole) */
  rows: number[];
  /** the first jump's rows equal what RxDB's own `skip` returns there */
  matches: boolean;
}

/** IndexedDB work the page saw, counted at the IndexedDB API (not in the code under test). */
export interface IdbCounts {
  transactions: number;
  readwrite: number;
  /** get, getAll, getAllKeys, count and cursors opened, on stores and indexes */
  reads: number;
  /** put, add, delete */
  writes: number;
}

export interface SeededForEnroll extends Timed {
  leads: number;
  /** leads flagged as suppressed (1 in 1,000) */
  suppressed: number;
  /** leads put in another, running sequence first (1 in 100) */
  elsewhere: number;
}

export interface EnrollMeasure extends Timed {
  enrolled: number;
  /** skipped leads by reason (reasons with none left out) */
  skipped: Record<string, number>;
  maxTaskMs: number;
  longTasks: number;
  /** onProgress calls (each one re-renders the dialog's progress line) */
  progressCalls: number;
  idb: IdbCounts;
}

export interface LeadsBenchApi {
  /** enrolls the newest `count` leads in a fresh two-step sequence, as the Add to sequence dialog does */
  enroll(options: { count: number }): Promise<EnrollMeasure>;
  /** `count` generated leads stored as the import stores them, some suppressed, some in another sequence (untimed) */
  seedForEnroll(options: { count: number; seed: number }): Promise<SeededForEnroll>;
  /** generates the CSV in the page (not timed as part of anything) */
  prepare(options: { count: number; seed: number }): Promise<Prepared>;
  /** raw IndexedDB with the leads schema's indexes: the physical floor */
  /** `chunk` defaults to the import's batch size */
  /** `layout: 'rxdb'` writes the same documents with RxDB's own index set and stored shape (the explanation) */
  floor(options?: { chunk?: number; layout?: 'schema' | 'rxdb' }): Promise<FloorMeasure>;
  /** previewCsv + runImport, exactly as the wizard calls them */
  importLeads(): Promise<ImportMeasure>;
  firstPage(): Promise<ListMeasure>;
  search(options: { text: string }): Promise<ListMeasure>;
  company(options: { name: string }): Promise<ListMeasure>;
  /** the "Suppressed" filter, one lead in a thousand flagged first (the flag's upkeep is not timed) */
  suppressed(): Promise<ListMeasure>;
  stats(): Promise<ListMeasure>;
  /** newest-first list, one fresh list object per position: time of `load(at, at + 100)`; `ms` is the median */
  jump(options: { at: number[] }): Promise<JumpMeasure>;
}

export type LeadsBenchMethod = keyof LeadsBenchApi;
