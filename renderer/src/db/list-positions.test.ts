import { describe, expect, it } from 'vitest';
import { type Cursor, compareCursors, createListPositions } from './list-positions';

const at = (rank: number, key = ''): Cursor => ({ key, rank });

/** A list of ranks 0, 10, 20, … (newest first: ascending rank) with anchors at the given positions. */
function listWithAnchors(...positions: number[]) {
  const kept = createListPositions();
  for (const pos of positions) kept.add({ pos, cursor: at(pos * 10) }, kept.stamp());
  return kept;
}

describe('kept list positions', () => {
  it('orders by key, then rank', () => {
    expect(compareCursors(at(5, 'a'), at(1, 'b'))).toBeLessThan(0);
    expect(compareCursors(at(5, 'b'), at(1, 'b'))).toBeGreaterThan(0);
    expect(compareCursors(at(5, 'b'), at(5, 'b'))).toBe(0);
  });

  it('finds the nearest anchor at or before a position, and after it', () => {
    const kept = listWithAnchors(99, 199, 499);
    expect(kept.atOrBefore(98)).toBeUndefined();
    expect(kept.atOrBefore(99)?.pos).toBe(99);
    expect(kept.atOrBefore(300)?.pos).toBe(199);
    expect(kept.after(199)?.pos).toBe(499);
    expect(kept.after(499)).toBeUndefined();
  });

  it('moves anchors down for rows added before them and up for rows removed before them', () => {
    const kept = listWithAnchors(99, 199, 499);
    kept.beginWrite();
    // two new leads on top (smaller ranks), one removed between the first and second anchor
    kept.endWrite([at(1500)], [at(-1), at(-2)]);
    expect(kept.anchors.map((a) => a.pos)).toEqual([101, 200, 500]);
    expect(kept.anchors.map((a) => a.cursor.rank)).toEqual([990, 1990, 4990]);
  });

  it('drops an anchor whose row left, keeps one whose row was only edited', () => {
    const kept = listWithAnchors(99, 199);
    kept.beginWrite();
    kept.endWrite([at(990), at(1990)], [at(1990)]);
    expect(kept.anchors.map((a) => [a.pos, a.cursor.rank])).toEqual([[198, 1990]]);
  });

  it('places nothing a read found while a write was under way or after one began', () => {
    const kept = createListPositions();
    const before = kept.stamp();
    kept.beginWrite();
    expect(kept.stamp()).toBeNull();
    kept.add({ pos: 5, cursor: at(50) }, kept.stamp());
    kept.endWrite([], []);
    kept.add({ pos: 6, cursor: at(60) }, before);
    expect(kept.anchors).toEqual([]);
    kept.add({ pos: 7, cursor: at(70) }, kept.stamp());
    expect(kept.anchors.map((a) => a.pos)).toEqual([7]);
  });

  it('forgets everything after a write that failed part-way', () => {
    const kept = listWithAnchors(99, 199);
    kept.beginWrite();
    kept.endWriteUnknown();
    expect(kept.anchors).toEqual([]);
    expect(kept.stamp()).not.toBeNull();
  });

  it('keeps the index key when the same row is placed again', () => {
    const kept = createListPositions();
    kept.add({ pos: 9, cursor: at(90), raw: ['0', 90, 'x'] }, kept.stamp());
    kept.add({ pos: 9, cursor: at(90) }, kept.stamp());
    expect(kept.anchors).toEqual([{ pos: 9, cursor: at(90), raw: ['0', 90, 'x'] }]);
  });
});
