import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { RowProblem } from '../../../../../shared/leads/csv-rows';
import { problemsCsv } from './problems-csv';

const parse = async (blob: Blob) => Papa.parse<string[]>((await blob.text()).trim()).data;

describe('the problems CSV', () => {
  it('carries each rejected row’s original columns beside the reason, so it can be fixed and imported again', async () => {
    const problems: RowProblem[] = [
      {
        row: 2,
        code: 'invalid-email',
        kind: 'rejected',
        message: 'Row 2: "liam dubois@acme.com" has a space in it.',
        cells: ['liam dubois@acme.com', 'Liam', 'Acme, Inc', 'line 1\nline 2'],
      },
      { row: 3, code: 'bad-timezone', kind: 'warning', message: 'Row 3: "Mars" is not a time zone.' },
    ];
    const rows = await parse(problemsCsv(problems, ['Email', 'First name', 'Company', 'Notes']));
    expect(rows).toEqual([
      ['Row', 'Outcome', 'Problem', 'Email', 'First name', 'Company', 'Notes'],
      [
        '2',
        'not imported',
        'Row 2: "liam dubois@acme.com" has a space in it.',
        'liam dubois@acme.com',
        'Liam',
        'Acme, Inc',
        'line 1\nline 2',
      ],
      ['3', 'imported with a change', 'Row 3: "Mars" is not a time zone.', '', '', '', ''],
    ]);
  });

  it('names the values past the header by position, and escapes formulas', async () => {
    const problems: RowProblem[] = [
      {
        row: 4,
        code: 'column-count',
        kind: 'rejected',
        message: 'Row 4: 3 values',
        cells: ['a@x.com', '=1+1', 'x'],
      },
    ];
    const rows = await parse(problemsCsv(problems, ['Email', 'Name']));
    expect(rows[0]).toEqual(['Row', 'Outcome', 'Problem', 'Email', 'Name', 'Column 3']);
    expect(rows[1]?.slice(3)).toEqual(['a@x.com', "'=1+1", 'x']);
  });

  it('leaves the byte order mark to saveFile (one BOM, never two)', async () => {
    expect(new Uint8Array(await problemsCsv([]).arrayBuffer())[0]).not.toBe(0xef);
  });
});
