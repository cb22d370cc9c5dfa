import { describe, expect, it } from 'vitest';
import { CsvReader } from './csv-reader';

function readAll(text: string, size: number, max?: number) {
  const reader = new CsvReader(',', '\n', max);
  const records: string[][] = [];
  const problems = new Map<number, string>();
  let runaway: number | undefined;
  for (let i = 0; i <= text.length; i += size) {
    const piece = i + size > text.length ? reader.push(text.slice(i)) : reader.push(text.slice(i, i + size));
    records.push(...piece.records);
    for (const [k, v] of piece.problems) problems.set(k, v);
    runaway ??= piece.runaway;
    if (i + size > text.length) break;
  }
  const last = reader.end();
  records.push(...last.records);
  for (const [k, v] of last.problems) problems.set(k, v);
  return { records, problems, runaway };
}

describe('CsvReader', () => {
  const text =
    'email,name,notes\na@x.com,"Smith, Ann","line 1\nline 2"\nb@x.com,Bob,"say ""hi"""\nc@x.com,Cy,';
  it.each([1, 2, 3, 7, 64, 1000])('gives the same records whatever the chunk size (%i)', (size) => {
    expect(readAll(text, size).records).toEqual([
      ['email', 'name', 'notes'],
      ['a@x.com', 'Smith, Ann', 'line 1\nline 2'],
      ['b@x.com', 'Bob', 'say "hi"'],
      ['c@x.com', 'Cy', ''],
    ]);
  });

  it('reports an unclosed quote at the end of the file by record', () => {
    const { records, problems } = readAll('email,name\na@x.com,"Ann\nb@x.com,Bob\n', 5);
    expect(records).toHaveLength(2);
    expect(problems.get(1)).toBe('unclosed-quote');
  });

  it('reports a stray quote by record', () => {
    const { problems } = readAll('email,name\na@x.com,"Ann "Jo" Lee"\nb@x.com,Bob\n', 4);
    expect(problems.get(1)).toBe('stray-quote');
    expect(problems.has(2)).toBe(false);
  });

  it('stops when an open quote runs past the limit instead of buffering the whole file', () => {
    const body = Array.from({ length: 200 }, (_, i) => `x${i}@x.com,Name ${i}`).join('\n');
    const { records, runaway } = readAll(`email,name\na@x.com,"Ann\n${body}\n`, 100, 500);
    expect(runaway).toBe(1);
    expect(records).toEqual([['email', 'name']]);
  });
});
