import { describe, expect, it } from 'vitest';
import {
  collectCustomKeys,
  csvField,
  type ExportRow,
  exportFileName,
  jsonChunk,
  leadsToCsv,
  leadsToJson,
} from './export';

const T = Date.UTC(2026, 10, 26, 9, 30);

function row(patch: Partial<ExportRow> = {}): ExportRow {
  return {
    email: 'ana@example.com',
    firstName: 'Ana',
    lastName: 'Lima',
    company: 'Acme',
    title: 'CEO',
    timezone: 'Europe/Lisbon',
    status: 'new',
    source: 'manual',
    tags: [],
    custom: {},
    createdAt: T,
    updatedAt: T,
    ...patch,
  };
}

const HEADER = 'Email,First name,Last name,Company,Title,Time zone,Status,Tags,Source,Created,Updated';

describe('leadsToCsv', () => {
  it('writes a header and one CRLF line per lead, with tags joined and one column per custom key', () => {
    const csv = leadsToCsv(
      [row({ tags: ['vip', 'q3'], custom: { city: 'Porto' } }), row({ email: 'b@x.io' })],
      {
        customKeys: ['city', 'size'],
      },
    );
    expect(csv).toBe(
      `${HEADER},city,size\r\n` +
        'ana@example.com,Ana,Lima,Acme,CEO,Europe/Lisbon,New,vip; q3,manual,2026-11-26T09:30:00.000Z,2026-11-26T09:30:00.000Z,Porto,\r\n' +
        'b@x.io,Ana,Lima,Acme,CEO,Europe/Lisbon,New,,manual,2026-11-26T09:30:00.000Z,2026-11-26T09:30:00.000Z,,\r\n',
    );
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvField('The "Best" Co')).toBe('"The ""Best"" Co"');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('plain')).toBe('plain');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField('a=b')).toBe('a=b');
    const csv = leadsToCsv([row({ company: '=cmd|"/c calc"!A1', custom: { '=key': '+x' } })], {
      customKeys: ['=key'],
    });
    expect(csv).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(csv.split('\r\n')[0]?.endsWith(",'=key")).toBe(true);
    expect(csv.split('\r\n')[1]?.endsWith(",'+x")).toBe(true);
  });

  it('leaves the header out for later chunks of one file', () => {
    const a = leadsToCsv([row()], { customKeys: [] });
    const b = leadsToCsv([row({ email: 'b@x.io' })], { customKeys: [], header: false });
    expect((a + b).split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(b.startsWith('b@x.io,')).toBe(true);
  });
});

describe('leadsToJson', () => {
  it('is a JSON array of plain records', () => {
    const parsed = JSON.parse(leadsToJson([row({ tags: ['vip'], custom: { city: 'Porto' } }), row()]));
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toEqual({
      email: 'ana@example.com',
      firstName: 'Ana',
      lastName: 'Lima',
      company: 'Acme',
      title: 'CEO',
      timezone: 'Europe/Lisbon',
      status: 'new',
      tags: ['vip'],
      source: 'manual',
      custom: { city: 'Porto' },
      createdAt: '2026-11-26T09:30:00.000Z',
      updatedAt: '2026-11-26T09:30:00.000Z',
    });
    expect(JSON.parse(leadsToJson([]))).toEqual([]);
  });

  it('joins chunks into one valid array', () => {
    const text = `[${jsonChunk([row()], true)}${jsonChunk([row(), row()], false)}\n]`;
    expect(JSON.parse(text)).toHaveLength(3);
  });
});

describe('helpers', () => {
  it('collects custom keys in first-seen order', () => {
    expect([
      ...collectCustomKeys([row({ custom: { b: '1', a: '2' } }), row({ custom: { c: '', a: '' } })]),
    ]).toEqual(['b', 'a', 'c']);
  });

  it('names the file by the local date', () => {
    expect(exportFileName('csv', new Date(2026, 10, 26, 23, 59))).toBe('fairsend-leads-2026-11-26.csv');
    expect(exportFileName('json', new Date(2026, 0, 5))).toBe('fairsend-leads-2026-01-05.json');
  });
});
