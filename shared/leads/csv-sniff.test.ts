import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectNewline, guessOtherSeparator, MAX_FILE_BYTES, sniffCsv } from './csv-sniff';

const bytes = (text: string) => new TextEncoder().encode(text);
const sniff = (text: string) => {
  const b = bytes(text);
  return sniffCsv(b, b.length);
};

describe('sniffCsv', () => {
  it.each([
    ['email,name\na@x.com,Ann\n', ','],
    ['email;name;company\na@x.com;Ann;Acme, Inc\n', ';'],
    ['email\tname\na@x.com\tAnn\n', '\t'],
    ['email|name\na@x.com|Ann\n', '|'],
    ['"email","name, full"\n"a@x.com","Smith, Ann"\n', ','],
  ])('detects the delimiter of %j', (text, delimiter) => {
    const r = sniff(text);
    expect(r.ok && r.delimiter).toBe(delimiter);
  });

  it('strips the BOM and reads UTF-8', () => {
    const r = sniff('\uFEFFemail,name\na@x.com,Zoë\n');
    expect(r.ok && r.sample.startsWith('email')).toBe(true);
    expect(r.ok && r.encoding).toBe('utf-8');
  });

  it('reads Windows-1252 (Excel on Windows) with a warning', () => {
    const b = new Uint8Array([...bytes('email,name\na@x.com,Zo'), 0xeb, 0x0a]);
    const r = sniffCsv(b, b.length);
    expect(r.ok && r.sample).toContain('Zoë');
    expect(r.ok && r.warnings[0]).toMatch(/Windows-1252/);
  });

  it('reads UTF-16 with a BOM (Excel "Unicode Text")', () => {
    const text = 'email\tname\na@x.com\tAnn\n';
    const b = new Uint8Array(2 + text.length * 2);
    b.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) b[2 + i * 2] = text.charCodeAt(i);
    const r = sniffCsv(b, b.length);
    expect(r.ok && r.delimiter).toBe('\t');
    expect(r.ok && r.sample.startsWith('email')).toBe(true);
  });

  it.each([
    [new Uint8Array(0), 0, 'The file is empty.'],
    [bytes('   \n\n'), 5, 'The file is empty.'],
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 7, 'This looks like a binary file, not a CSV.'],
    [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]), 5, /Excel workbook/],
    [bytes('a,b'), MAX_FILE_BYTES + 1, /too large \(201 MB\).*Split it/],
  ])('refuses what is not a CSV (%#)', (head, size, message) => {
    const r = sniffCsv(head, size);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(message);
  });

  it('finds line endings outside quotes', () => {
    expect(detectNewline('a,b\r\nc,d')).toBe('\r\n');
    expect(detectNewline('"x\r\ny",b\nc,d')).toBe('\n');
    expect(detectNewline('a,b\rc,d')).toBe('\r');
    expect(detectNewline('a,b')).toBe('\n');
  });

  it('ignores a cut-off last line when the sample is not the whole file', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n4;5', '\n', false)).toBe(';');
  });

  it('names the separator of a one-column file', () => {
    expect(guessOtherSeparator('email:first:last')).toBe(':');
    expect(guessOtherSeparator('email')).toBe(null);
  });
});
