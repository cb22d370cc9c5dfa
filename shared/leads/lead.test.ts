import { describe, expect, it } from 'vitest';
import {
  createRankSlots,
  domainKeyOf,
  isValidTimeZone,
  nameKeyOf,
  normalizeTag,
  rankFor,
  searchKey,
  slotRank,
} from './lead';

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

describe('slotRank', () => {
  it('keeps a 100,000-row import in file order with unique ranks, newer sessions first', () => {
    const ranks = Array.from({ length: 100_000 }, (_, i) => slotRank(1_700_000_000_000, i));
    expect(new Set(ranks).size).toBe(100_000);
    expect(ranks.every((r, i) => i === 0 || r > (ranks[i - 1] ?? 0))).toBe(true);
    expect(slotRank(1_700_000_001_000, 0)).toBeLessThan(slotRank(1_700_000_000_000, 99_999));
    expect(Number.isSafeInteger(slotRank(Date.UTC(2105, 0, 1), 2 ** 21 - 1))).toBe(true);
    expect(slotRank(Date.UTC(2105, 0, 1), 0)).toBeGreaterThan(0);
  });

  it('gives each write session its own second, so two sessions never share ranks', () => {
    let clock = 1_700_000_000_400;
    const slot = createRankSlots(() => clock);
    const a = slot();
    const b = slot();
    clock += 5000;
    const c = slot();
    expect([a, b, c]).toEqual([1_700_000_000_000, 1_700_000_001_000, 1_700_000_005_000]);
  });
});

describe('search keys', () => {
  it('folds case, accents and spaces', () => {
    expect(searchKey('  Zoë   Müller ')).toBe('zoe muller');
    expect(nameKeyOf('José', 'Álvarez')).toBe('jose alvarez');
    expect(searchKey('x'.repeat(100))).toHaveLength(48);
  });
  it("takes a normalised address's domain", () => {
    expect(domainKeyOf('emma.khan@acme.com')).toBe('acme.com');
    expect(domainKeyOf('"a@b"@xn--mller-kva.de')).toBe('xn--mller-kva.de');
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
