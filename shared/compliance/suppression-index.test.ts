import { describe, expect, it } from 'vitest';
import { checkSuppression, SuppressionIndex } from './suppression-index';
import { syntheticKeys } from './testing/synthetic-keys';

const keys = (count: number, seed: number): string[] => [...syntheticKeys(count, seed)];

describe('SuppressionIndex', () => {
  it('finds every key it holds and none it does not, across growth from a small table', () => {
    const held = keys(50_000, 1);
    const absent = keys(50_000, 2);
    const index = new SuppressionIndex(16);
    expect(held.filter((k) => index.add(k)).length).toBe(50_000);
    expect(index.size).toBe(50_000);
    expect(held.every((k) => index.has(k))).toBe(true);
    expect(absent.some((k) => index.has(k))).toBe(false);
  });

  it('deletes without losing the keys that probed past the deleted one', () => {
    const all = keys(20_000, 3);
    const index = new SuppressionIndex(all.length); // dense table: long probe runs
    expect(index.addMany(all)).toBe(all.length);
    const [gone, kept] = [all.filter((_, i) => i % 3 === 0), all.filter((_, i) => i % 3 !== 0)];
    for (const k of gone) expect(index.delete(k)).toBe(true);
    expect(index.size).toBe(kept.length);
    expect(gone.some((k) => index.has(k))).toBe(false);
    expect(kept.every((k) => index.has(k))).toBe(true);
    expect(index.delete(gone[0]!)).toBe(false);
  });

  it.each([
    ['upper-case hex is the same key', (k: string) => k.toUpperCase(), true],
    ['only the first 128 bits identify a key', (k: string) => `${k.slice(0, 32)}${'0'.repeat(32)}`, true],
    ['a different first half is a different key', (k: string) => `f${k.slice(1)}`, false],
  ])('%s', (_, variant, expected) => {
    const [key] = keys(1, 4).map((k) => `0${k.slice(1)}`);
    const index = new SuppressionIndex();
    index.add(key!);
    expect(index.has(variant(key!))).toBe(expected);
  });

  it('counts duplicates once and handles the all-zero key', () => {
    const index = new SuppressionIndex();
    const zero = '0'.repeat(64);
    expect(index.addMany([zero, zero, 'a'.repeat(64)])).toBe(2);
    expect(index.has(zero)).toBe(true);
    expect(index.delete(zero)).toBe(true);
    expect(index.has(zero)).toBe(false);
    expect(index.size).toBe(1);
  });

  it.each(['', 'abc', 'z'.repeat(64), `${'a'.repeat(63)}`])('rejects a malformed key %j', (bad) => {
    expect(() => new SuppressionIndex().add(bad)).toThrow(TypeError);
  });

  it('keeps 1,000,000 keys in 24 MB', () => {
    const index = new SuppressionIndex(1_000_000);
    expect(index.byteLength).toBe(24_000_000);
  });
});

describe('checkSuppression', () => {
  const [address, domain, other] = keys(3, 5) as [string, string, string];
  const index = new SuppressionIndex();
  index.addMany([address, domain]);

  it.each<[string, { addressKey: string; domainKey: string }, 'ok' | 'block', string[]]>([
    ['a listed address', { addressKey: address, domainKey: other }, 'block', ['suppressed-address']],
    ['a listed domain', { addressKey: other, domainKey: domain }, 'block', ['suppressed-domain']],
    [
      'both',
      { addressKey: address, domainKey: domain },
      'block',
      ['suppressed-address', 'suppressed-domain'],
    ],
    ['neither', { addressKey: other, domainKey: other }, 'ok', []],
    [
      'a malformed key (fails closed)',
      { addressKey: 'nope', domainKey: other },
      'block',
      ['suppression-unchecked'],
    ],
  ])('%s → %s', (_, input, verdict, codes) => {
    const result = checkSuppression(input, index);
    expect(result.verdict).toBe(verdict);
    expect(result.reasons.map((r) => r.code)).toEqual(codes);
    for (const r of result.reasons) expect(r.message.length).toBeGreaterThan(20);
  });
});
