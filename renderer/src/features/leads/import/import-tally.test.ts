import { describe, expect, it } from 'vitest';
import type { RowProblem } from '../../../../../shared/leads/csv-rows';
import { createImportTally, storeFailureMessage } from './import-tally';

const progress = (rowsRead: number, duplicates: number, invalid = 0) => ({
  bytesRead: rowsRead * 10,
  totalBytes: 1000,
  rowsRead,
  invalid,
  duplicates,
  problemsTruncated: false,
  headers: ['Email'],
});
const problem = (row: number): RowProblem => ({
  row,
  code: 'invalid-email',
  kind: 'rejected',
  message: `Row ${row}: bad`,
});

describe('import tally', () => {
  it('counts skipped as repeats within the file plus leads already stored, whatever order they arrive in', () => {
    const tally = createImportTally(1000);
    tally.read(progress(10, 1, 1), [problem(3)]);
    tally.stored({ inserted: 6, merged: 0, skipped: 2 });
    tally.read(progress(20, 3, 2), [problem(15)]); // the worker's counts are running totals
    tally.stored({ inserted: 5, merged: 1, skipped: 1 });
    expect(tally.progress()).toEqual({
      bytesRead: 200,
      totalBytes: 1000,
      rowsRead: 20,
      inserted: 11,
      merged: 1,
      skipped: 3 + 3,
      invalid: 2,
    });
    expect(tally.kept()).toBe(12);
  });

  it('sums up with every problem in order, and says how the run ended', () => {
    const tally = createImportTally(50);
    tally.read({ ...progress(2, 0), problemsTruncated: true }, [problem(2), problem(3)]);
    expect(tally.summary({}, 12)).toMatchObject({
      cancelled: false,
      durationMs: 12,
      problemsTruncated: true,
      problems: [problem(2), problem(3)],
    });
    expect(tally.summary({}, 12)).not.toHaveProperty('error');
    expect(tally.summary({ cancelled: true }, 1).cancelled).toBe(true);
    expect(tally.summary({ error: 'Disk full' }, 1).error).toBe('Disk full');
  });

  it('hands out copies, so a progress report cannot change the counts', () => {
    const tally = createImportTally(10);
    const seen = tally.progress();
    seen.inserted = 99;
    expect(tally.progress().inserted).toBe(0);
  });

  it('says what was kept when a write fails', () => {
    expect(
      storeFailureMessage(new DOMException('The quota has been exceeded.', 'QuotaExceededError'), 12_500),
    ).toBe(
      'Could not store the leads: this computer has no room left for Fairsend’s data. Free some disk space, then import the rest. 12,500 leads stored before this were kept.',
    );
    // a database's own text (an RxDB error code, a schema path) never reaches the rep
    const odd = storeFailureMessage(new Error('RxError (VD2): object does not match schema at /rank'), 0);
    expect(odd).toMatch(/^Could not store the leads: Fairsend could not write to its database/);
    expect(odd).toContain('0 leads stored before this were kept.');
    expect(odd).not.toMatch(/RxError|VD2|schema|\/rank/);
  });
});
