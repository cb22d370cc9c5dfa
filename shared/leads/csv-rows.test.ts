import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from './csv-mapping';
import {
  createRowReader,
  duplicateProblem,
  mergeTags,
  type RowResult,
  readAddress,
  readTimeZone,
  rowShapeProblem,
  splitTags,
} from './csv-rows';

const headers = ['Email', 'First Name', 'Last Name', 'Company', 'Title', 'Time Zone', 'Tags', 'Notes'];
const mapping: ColumnMapping = {
  email: 0,
  firstName: 1,
  lastName: 2,
  company: 3,
  title: 4,
  timezone: 5,
  tags: 6,
  custom: [{ column: 7, key: 'notes' }],
};
const read = createRowReader({ mapping, headers });
const row = (patch: Partial<Record<number, string>>) => {
  const cells = ['ann@acme.com', 'Ann', 'Lee', 'Acme', 'CEO', '', '', ''];
  for (const [i, v] of Object.entries(patch)) cells[Number(i)] = v ?? '';
  return cells;
};
const lead = (r: RowResult) => (r.ok ? (r.leads[0] ?? null) : null);
const problem = (r: RowResult) => (r.ok ? null : r.problem.message);

describe('addresses', () => {
  it.each([
    ['Ann.Lee@Acme.COM', 'ann.lee@acme.com', 'Ann.Lee@Acme.COM'],
    ['"ann lee"@acme.com', '"ann lee"@acme.com', '"ann lee"@acme.com'],
    ['josé@bücher.de', 'josé@xn--bcher-kva.de', 'josé@bücher.de'],
    ['Ann Lee <ann@acme.com>', 'ann@acme.com', 'ann@acme.com'],
    ['mailto:ann@acme.com', 'ann@acme.com', 'ann@acme.com'],
    ['  ann@acme.com  ', 'ann@acme.com', 'ann@acme.com'],
  ])('accepts %s', (raw, id, email) => {
    expect(lead(read(row({ 0: raw }), 2))).toMatchObject({ id, email });
  });

  it.each([
    ['', 'Row 2: no email address in "Email".'],
    ['ann.acme.com', 'Row 2: "ann.acme.com": The email address has no "@".'],
    [
      'ann@[10.0.0.1]',
      'Row 2: "ann@[10.0.0.1]": Addresses at a bare IP address ([1.2.3.4]) are not accepted.',
    ],
    ['ann@acme', 'Row 2: "ann@acme": The domain after "@" is not a valid domain name.'],
  ])('rejects %j', (raw, message) => {
    expect(problem(read(row({ 0: raw }), 2))).toBe(message);
  });

  // "liam dubois@acme.com" used to be imported as dubois@acme.com: a different person.
  it('rejects a space inside an address, never keeping a part of it', () => {
    const r = read(row({ 0: 'liam dubois@acme.com' }), 4);
    expect(r.ok).toBe(false);
    expect(problem(r)).toBe(
      'Row 4: "liam dubois@acme.com" has a space in it, and an address cannot. Correct the address in "Email" and import the row again.',
    );
  });

  it.each([
    ['ann@acme.com; ann@gmail.com', 'several-emails'],
    ['ann@acme.com, bo@acme.com', 'several-emails'],
    ['ann@acme.com bo@acme.com', 'several-emails'],
    ['nope; ann@acme.com', 'invalid-email'],
  ])('rejects %j, a cell that is not exactly one address', (raw, code) => {
    const r = read(row({ 0: raw }), 3);
    expect(r.ok ? r.leads.map((l) => l.id) : r.problem.code).toBe(code);
  });

  it('splits a listed cell into one lead per address only when asked, each with the row’s values', () => {
    const split = createRowReader({ mapping, headers, splitAddressLists: true });
    const r = split(row({ 0: 'ann@acme.com; Bo@Acme.com,ann@acme.com' }), 3);
    expect(r.ok && r.leads.map((l) => [l.id, l.email, l.firstName, l.company])).toEqual([
      ['ann@acme.com', 'ann@acme.com', 'Ann', 'Acme'],
      ['bo@acme.com', 'Bo@Acme.com', 'Ann', 'Acme'],
    ]);
    // a space-separated pair or a list with a non-address in it is still not a clear list
    expect(split(row({ 0: 'ann@acme.com bo@acme.com' }), 3).ok).toBe(false);
    expect(split(row({ 0: 'liam dubois@acme.com; bo@acme.com' }), 3).ok).toBe(false);
  });

  it('accepts one address with a stray separator', () => {
    expect(lead(read(row({ 0: 'ann@acme.com;' }), 2))?.id).toBe('ann@acme.com');
  });
});

describe('values', () => {
  it('rejects a 10,000-character first name, naming the column', () => {
    expect(problem(read(row({ 1: 'x'.repeat(10_000) }), 7))).toBe(
      'Row 7: "First Name" is 10,000 characters long; the limit is 256.',
    );
  });

  it('rejects a custom value over its limit', () => {
    expect(problem(read(row({ 7: 'n'.repeat(10_001) }), 4))).toBe(
      'Row 4: "Notes" is 10,001 characters long; the limit for a custom field is 10,000.',
    );
  });

  it('stores a formula as it is (the export escapes it)', () => {
    expect(lead(read(row({ 1: '=HYPERLINK("http://evil","x")' }), 2))?.firstName).toBe(
      '=HYPERLINK("http://evil","x")',
    );
  });

  it('removes control characters and keeps names on one line', () => {
    const l = lead(read(row({ 1: 'An\u0000n', 3: 'Acme\r\nGmbH', 7: 'line 1\r\nline\u00072' }), 2));
    expect(l).toMatchObject({ firstName: 'Ann', company: 'Acme GmbH', custom: { notes: 'line 1\nline2' } });
  });

  it('normalises to NFC', () => {
    expect(lead(read(row({ 1: 'Zoe\u0308' }), 2))?.firstName).toBe('Zoë');
  });

  it('rejects text that was not valid UTF-8', () => {
    expect(problem(read(row({ 2: 'M\uFFFDller' }), 9))).toMatch(
      /^Row 9: "Last Name" has characters that could not be read/,
    );
  });

  it('leaves out empty custom values', () => {
    expect(lead(read(row({}), 2))?.custom).toEqual({});
  });
});

describe('time zones', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['america/new_york', 'America/New_York'],
    ['PST', 'America/Los_Angeles'],
    ['EST', 'America/New_York'],
    ['GMT+1', 'Etc/GMT-1'],
    ['New York', 'America/New_York'],
  ])('reads %s as %s', (raw, zone) => {
    expect(lead(read(row({ 5: raw }), 2))?.timezone).toBe(zone);
  });

  it('keeps the lead without a zone when the zone is unknown, with a warning', () => {
    const r = read(row({ 5: 'Mars/Olympus' }), 5);
    expect(lead(r)?.timezone).toBe('');
    expect(r.ok && r.warnings.map((w) => [w.kind, w.message])).toEqual([
      [
        'warning',
        'Row 5: "Mars/Olympus" is not a time zone Fairsend knows (use a name like America/New_York); the lead was imported without one.',
      ],
    ]);
  });
});

describe('tags', () => {
  it('splits on , ; | and normalises', () => {
    expect(splitTags(' Webinar 2026 ; VIP|vip,, Q3 ')).toEqual(['webinar 2026', 'vip', 'q3']);
  });

  it('puts the import tags first and keeps at most 20', () => {
    const readTagged = createRowReader({ mapping, headers, tags: ['Fair 2026'] });
    const many = Array.from({ length: 25 }, (_, i) => `t${i}`).join(',');
    const r = readTagged(row({ 6: many }), 2);
    expect(lead(r)?.tags).toHaveLength(20);
    expect(lead(r)?.tags[0]).toBe('fair 2026');
    expect(r.ok && r.warnings[0]?.code).toBe('too-many-tags');
  });
});

describe('row shape', () => {
  it('rejects more values than columns, naming the delimiter', () => {
    expect(rowShapeProblem(['a@x.com', 'Ann', 'Acme', ' Inc'], 3, 3, ',')?.message).toBe(
      'Row 3: 4 values, but the header has 3 columns. A value probably contains a comma without quotes around it.',
    );
    expect(rowShapeProblem(['a@x.com', 'Ann', 'Acme', ''], 3, 3, ',')).toBe(null);
    expect(rowShapeProblem(['a@x.com', 'Ann'], 3, 3, ',')).toBe(null);
  });

  it('rejects a quoted value that swallowed rows', () => {
    const swallowed = 'Ann\nb@x.com,Bob,Beta\nc@x.com,Cy,Gamma\nd@x.com,Di';
    expect(rowShapeProblem(['a@x.com', swallowed, 'Acme'], 2, 3, ',')?.code).toBe('runaway-quote');
    expect(rowShapeProblem(['a@x.com', 'Ann', 'Street 1\nCity, Country'], 2, 3, ',')).toBe(null);
  });

  it('explains broken quotes', () => {
    expect(rowShapeProblem(['a'], 4, 3, ',', 'unclosed-quote')?.message).toMatch(
      /^Row 4: a quote \("\) opens a value that never closes/,
    );
    expect(rowShapeProblem(['a'], 4, 3, ',', 'stray-quote')?.code).toBe('quotes');
  });

  it('names the first row of a duplicate', () => {
    expect(duplicateProblem(9, 3, 'ann@acme.com').message).toBe(
      'Row 9: ann@acme.com is a duplicate of row 3; skipped.',
    );
  });
});

describe('the reader’s parts', () => {
  it('reads an address cell into the id and the shown form, without the row number', () => {
    expect(readAddress('Ann <Ann@Acme.com>', '"Email"')).toEqual({
      ok: true,
      value: [{ id: 'ann@acme.com', email: 'Ann@Acme.com' }],
    });
    expect(readAddress('  ', '"Email"')).toEqual({
      ok: false,
      reject: { code: 'missing-email', message: 'no email address in "Email".' },
    });
    expect(readAddress('nope; ann@acme.com', '"Email"')).toMatchObject({
      ok: false,
      reject: { code: 'invalid-email' },
    });
    expect(readAddress('a@x.com; b@x.com', '"Email"')).toMatchObject({
      ok: false,
      reject: { code: 'several-emails' },
    });
    expect(readAddress('a@x.com; b@x.com', '"Email"', true)).toMatchObject({
      ok: true,
      value: [{ id: 'a@x.com' }, { id: 'b@x.com' }],
    });
  });

  it('reads a time zone, and an empty or unknown one as none', () => {
    expect(readTimeZone(' pt ')).toEqual({ value: 'America/Los_Angeles' });
    expect(readTimeZone('')).toEqual({ value: '' });
    expect(readTimeZone('Mars/Olympus')).toMatchObject({ value: '', warning: { code: 'bad-timezone' } });
  });

  it('merges tags without repeats, the import’s first, and warns only when some are cut', () => {
    expect(mergeTags(['fair'], ['vip', 'fair'])).toEqual({ value: ['fair', 'vip'] });
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`);
    const merged = mergeTags(['fair'], many);
    expect(merged.value).toHaveLength(20);
    expect(merged.value[0]).toBe('fair');
    expect(merged.warning?.message).toBe('22 tags; a lead keeps 20, so the last 2 were left out.');
  });
});
