import type { RowProblem } from '../../../../../shared/leads/csv-rows';
import type { BatchOutcome } from '../../../db/leads-repo';
import type { WorkerProgress } from '../../../workers/csv-import-protocol';

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
  /** the file's column names, for the problems CSV */
  headers: string[];
  /** the user cancelled: what was stored before stays */
  cancelled: boolean;
  durationMs: number;
  /** why the import stopped early, if it did; what was stored before stays */
  error?: string;
}

/** How a run ended: finished (neither), cancelled by the user, or stopped by an error. */
export interface RunEnd {
  cancelled?: boolean;
  error?: string;
}

export const noProgress = (totalBytes: number): ImportProgress => ({
  bytesRead: 0,
  totalBytes,
  rowsRead: 0,
  inserted: 0,
  merged: 0,
  skipped: 0,
  invalid: 0,
});

/**
 * The counts of one import run, from two sources: what the worker read (rows, rejections, repeats within the
 * file, problems) and what the repository stored (inserted, merged, already stored). `skipped` is the sum of
 * both kinds of duplicate.
 */
export function createImportTally(totalBytes: number) {
  const totals = noProgress(totalBytes);
  const problems: RowProblem[] = [];
  let problemsTruncated = false;
  let headers: string[] = [];
  let storeSkipped = 0;
  let fileDuplicates = 0;

  return {
    /** The worker's running counts (they replace the last ones) and its new problems. */
    read(progress: WorkerProgress, more: readonly RowProblem[]): void {
      totals.bytesRead = progress.bytesRead;
      totals.rowsRead = progress.rowsRead;
      totals.invalid = progress.invalid;
      fileDuplicates = progress.duplicates;
      totals.skipped = storeSkipped + fileDuplicates;
      problemsTruncated = progress.problemsTruncated;
      if (progress.headers.length) headers = progress.headers;
      for (const problem of more) problems.push(problem);
    },
    /** One batch the repository stored. */
    stored(outcome: BatchOutcome): void {
      totals.inserted += outcome.inserted;
      totals.merged += outcome.merged;
      storeSkipped += outcome.skipped;
      totals.skipped = storeSkipped + fileDuplicates;
    },
    /** Leads stored so far, new or merged. */
    kept: () => totals.inserted + totals.merged,
    progress: (): ImportProgress => ({ ...totals }),
    summary: (end: RunEnd, durationMs: number): ImportSummary => ({
      ...totals,
      problems,
      problemsTruncated,
      headers,
      cancelled: end.cancelled ?? false,
      durationMs,
      ...(end.error ? { error: end.error } : {}),
    }),
  };
}

/**
 * Why the run stopped when a write failed, in words (a full disk is named; the database's own text is for
 * developers and goes to the console), and that what was stored before stays.
 */
export function storeFailureMessage(error: unknown, kept: number): string {
  const name = error instanceof Error ? error.name : '';
  const full = /quota/i.test(`${name} ${String(error)}`);
  if (!full) console.warn('import: a write failed', error);
  const why = full
    ? 'this computer has no room left for Fairsend’s data. Free some disk space, then import the rest'
    : 'Fairsend could not write to its database. Reload the window and import the file again (leads already stored are not added twice)';
  return `Could not store the leads: ${why}. ${kept.toLocaleString('en-US')} leads stored before this were kept.`;
}
