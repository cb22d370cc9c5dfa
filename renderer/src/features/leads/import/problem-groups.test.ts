import { describe, expect, it } from 'vitest';
import type { RowProblem } from '../../../../../shared/leads/csv-rows';
import { groupProblems, rowsLabel } from './problem-groups';

const zoneWarning = (row: number): RowProblem => ({
  row,
  code: 'bad-timezone',
  kind: 'warning',
  message: `Row ${row}: "Mars/Olympus" is not a time zone Fairsend knows (use a name like America/New_York); the lead was imported without one.`,
});

describe('grouped import problems', () => {
  it('shows a warning repeated on 2,000 rows once, with the count and example rows', () => {
    const problems = Array.from({ length: 2000 }, (_, i) => zoneWarning(i + 2));
    const groups = groupProblems(problems);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ count: 2000, rows: [2, 3, 4], kind: 'warning' });
    expect(groups[0]?.text).toMatch(/^"Mars\/Olympus" is not a time zone/);
    expect(rowsLabel(groups[0]!)).toBe('2,000 rows: 2, 3, 4 and 1,997 more');
  });

  it('keeps different problems apart, in file order, and a single one as its own message', () => {
    const bad: RowProblem = { row: 3, code: 'invalid-email', kind: 'rejected', message: 'Row 3: "x": no @' };
    const dup = (row: number): RowProblem => ({
      row,
      code: 'duplicate',
      kind: 'skipped',
      message: `Row ${row}: a${row}@x.com is a duplicate of row 2; skipped.`,
    });
    const groups = groupProblems([zoneWarning(2), bad, zoneWarning(4), dup(5), dup(6)]);
    expect(groups.map((g) => [g.code, g.count, g.text])).toEqual([
      ['bad-timezone', 2, expect.stringMatching(/^"Mars/)],
      ['invalid-email', 1, 'Row 3: "x": no @'],
      ['duplicate', 2, 'The address repeats an earlier row of the file; skipped.'],
    ]);
    expect(rowsLabel(groups[1]!)).toBe('');
  });
});
