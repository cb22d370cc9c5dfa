import { describe, expect, it } from 'vitest';
import { isValidTimeZone, nameKeyOf, normalizeTag, rankFor, searchKey } from './lead';

describe('rankFor', () => {
  it('sorts newer leads first in ascending order, and same-millisecond leads in file order', () => {
    const older = rankFor(1_700_000_000_000, 0);
    const newer = rankFor(1_700_000_000_001, 0);
    expect(newer).toBeLessThan(older);
    const first = rankFor(1_700_000_000_000, 0);
    const second = rankFor(1_700_000_000_000, 1);
    expect(first).toBeLessThan(second); // same batch: the newest-first list keeps the file's order
    expect(Number.isSafeInteger(rankFor(Date.UTC(2100, 0, 1), 999))).toBe(true);
  });
});

describe('search keys', () => {
  it('folds case, accents and spaces', () => {
    expect(searchKey('  Zoë   Müller ')).toBe('zoe muller');
    expect(nameKeyOf('José', 'Álvarez')).toBe('jose alvarez');
    expect(searchKey('x'.repeat(100))).toHaveLength(48);
  });
  it('normalises tags', () => {
    expect(normalizeTag('  Webinar  2026 ')).toBe('webinar 2026');
  });
  it('knows IANA time zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
