import { describe, expect, it } from 'vitest';
import { classifyDncValue, parseDncCsv, suppressionToCsv } from './dnc-csv';

describe('classifyDncValue', () => {
  it('tells addresses from domains and normalises both', () => {
    expect(classifyDncValue(' Ana@Example.COM ')).toEqual({ kind: 'address', value: 'ana@example.com' });
    expect(classifyDncValue('@Example.com')).toEqual({ kind: 'domain', value: 'example.com' });
    expect(classifyDncValue('https://www.acme.io/contact')).toEqual({ kind: 'domain', value: 'www.acme.io' });
    expect(classifyDncValue('bücher.de')).toEqual({ kind: 'domain', value: 'xn--bcher-kva.de' });
    expect(classifyDncValue('not an address')).toHaveProperty('error');
    expect(classifyDncValue('ana@')).toHaveProperty('error');
  });
});

describe('parseDncCsv', () => {
  it('reads the first column when there is no header, with row numbers for invalid rows', () => {
    const parsed = parseDncCsv('ana@example.com\nexample.org\n\nbad value\nbo@example.com,extra\n');
    expect(parsed.values.map((v) => [v.row, v.kind, v.value])).toEqual([
      [1, 'address', 'ana@example.com'],
      [2, 'domain', 'example.org'],
      [5, 'address', 'bo@example.com'],
    ]);
    expect(parsed.invalid).toEqual([
      { row: 4, value: 'bad value', message: 'Not an email address or a domain.' },
    ]);
  });

  it('uses a column named email or domain, and skips the header row', () => {
    const parsed = parseDncCsv('\uFEFFName,Email\r\nAna,ana@example.com\r\n"Bo, Jr.",nope\r\n');
    expect(parsed.values).toEqual([{ row: 2, kind: 'address', value: 'ana@example.com' }]);
    expect(parsed.invalid.map((p) => p.row)).toEqual([3]);
  });
});

describe('suppressionToCsv', () => {
  it('neutralises formulas and marks erased entries', () => {
    const csv = suppressionToCsv([
      {
        id: 'k1',
        kind: 'address',
        value: 'a@b.co',
        reason: 'manual',
        note: '=HYPERLINK("x")',
        rank: 1,
        createdAt: 0,
      },
      { id: 'k2', kind: 'address', value: '', reason: 'erased', note: '', rank: 2, createdAt: 0 },
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Value,Kind,Reason,Note,Added,Key');
    expect(lines[1]).toBe('a@b.co,Address,manual,"\'=HYPERLINK(""x"")",1970-01-01T00:00:00.000Z,k1');
    expect(lines[2]).toContain('(erased lead: address not kept)');
  });
});
