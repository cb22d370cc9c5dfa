import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../../../../shared/leads/csv-mapping';
import { LEAD_LIMITS } from '../../../../../shared/leads/lead';
import { oneColumnMessage, previewWarnings, splitHeader } from './preview-csv';
import { clip } from './run-import';

describe('preview parts', () => {
  it('takes the first row as a header unless it holds an address, and numbers the columns otherwise', () => {
    expect(
      splitHeader([
        [' Email ', 'Name'],
        ['a@acme.com', 'A'],
      ]),
    ).toEqual({
      hasHeader: true,
      headers: ['Email', 'Name'],
      data: [['a@acme.com', 'A']],
    });
    expect(splitHeader([['a@acme.com', 'A', 'x'], ['b@acme.com']])).toEqual({
      hasHeader: false,
      headers: ['Column 1', 'Column 2', 'Column 3'],
      data: [['a@acme.com', 'A', 'x'], ['b@acme.com']],
    });
  });

  it('names the separator a one-column file seems to use', () => {
    expect(oneColumnMessage('email:first')).toMatch(/only one column.*separated by ":"/);
    expect(oneColumnMessage('email first name')).toContain('separated by spaces');
    expect(oneColumnMessage('email')).toBe(
      'The file has only one column, and it holds no email addresses. Fairsend reads columns separated by commas, semicolons, tabs or vertical bars (|).',
    );
  });

  it('warns about a missing header, a missing address column and columns over the custom-field limit', () => {
    const noEmail: ColumnMapping = { email: -1, custom: [] };
    expect(previewWarnings(false, noEmail, 2)).toEqual([
      'The first row holds an email address, so it is read as data, not as a header.',
      'No column looks like email addresses: choose the Email column yourself.',
    ]);
    const full: ColumnMapping = {
      email: 0,
      custom: Array.from({ length: LEAD_LIMITS.customFields }, (_, i) => ({ column: i + 1, key: `c${i}` })),
    };
    expect(previewWarnings(true, full, LEAD_LIMITS.customFields + 5)).toEqual([
      `A lead keeps at most ${LEAD_LIMITS.customFields} custom fields, so 4 columns are skipped. Choose which to keep in the next step.`,
    ]);
    expect(previewWarnings(true, { email: 0, custom: [] }, 1)).toEqual([]);
  });

  it('clips a value with an ellipsis', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abcd', 4)).toBe('abcd');
  });
});
