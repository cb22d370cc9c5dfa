/**
 * Kept positions of one list order: anchors "the row at position p has sort key c", learnt from pages read
 * and from walks of the index, and kept true across writes by shifting them with each write's changes (a lead
 * added before an anchor moves it down one, a removed one up one). A far jump then starts from the nearest
 * anchor instead of walking the index from an end. Pure: no database.
 */

/** Where a row sits in a list's order: the sort field's value ('' for newest first) and the rank. */
export interface Cursor {
  key: string;
  rank: number;
}

export interface Anchor {
  pos: number;
  cursor: Cursor;
  /** the index key the row was read at, when it came from the index (a walk resumes after it) */
  raw?: IDBValidKey;
}

/** The list's order: by key (string order, as IndexedDB compares strings), then by rank. */
export function compareCursors(a: Cursor, b: Cursor): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.rank - b.rank;
}

/** How many of `sorted` come before `c`, and whether one equals it. */
function countBefore(sorted: readonly Cursor[], c: Cursor): { before: number; equal: boolean } {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareCursors(sorted[mid] as Cursor, c) < 0) lo = mid + 1;
    else hi = mid;
  }
  const at = sorted[lo];
  return { before: lo, equal: at !== undefined && compareCursors(at, c) === 0 };
}

export interface ListPositions {
  /** anchors sorted by position (and so by cursor) */
  readonly anchors: readonly Anchor[];
  /** the nearest anchor at or before `pos` */
  atOrBefore(pos: number): Anchor | undefined;
  /** the nearest anchor after `pos` */
  after(pos: number): Anchor | undefined;
  /**
   * Taken before a read whose rows may become anchors: null while a write is under way. A read that overlaps
   * a write may or may not see it, so what it found cannot be placed exactly.
   */
  stamp(): number | null;
  /** places an anchor found by a read stamped `stamp`; ignored if a write began since */
  add(anchor: Anchor, stamp: number | null): void;
  /** a write begins: no read from now until it ends places anchors */
  beginWrite(): void;
  /** the write ended; these rows left and entered this list (their cursors in its order) */
  endWrite(removed: readonly Cursor[], added: readonly Cursor[]): void;
  /** a write ended that may have changed anything (it failed part-way): every anchor is dropped */
  endWriteUnknown(): void;
}

export function createListPositions(): ListPositions {
  let anchors: Anchor[] = [];
  let generation = 0;
  let writing = 0;

  /** index of the first anchor whose position is > pos */
  function upper(pos: number): number {
    let lo = 0;
    let hi = anchors.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((anchors[mid] as Anchor).pos <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function shift(removed: readonly Cursor[], added: readonly Cursor[]): void {
    if (!anchors.length || (!removed.length && !added.length)) return;
    const gone = [...removed].sort(compareCursors);
    const come = [...added].sort(compareCursors);
    const next: Anchor[] = [];
    for (const anchor of anchors) {
      const r = countBefore(gone, anchor.cursor);
      const a = countBefore(come, anchor.cursor);
      // its row left the list (and did not come back at the same place): the anchor goes with it
      if (r.equal && !a.equal) continue;
      next.push({ ...anchor, pos: anchor.pos - r.before + a.before });
    }
    anchors = next;
  }

  return {
    get anchors() {
      return anchors;
    },
    atOrBefore: (pos) => anchors[upper(pos) - 1],
    after: (pos) => anchors[upper(pos)],
    stamp: () => (writing ? null : generation),
    add(anchor, stamp) {
      if (stamp === null || stamp !== generation || writing) return;
      const at = upper(anchor.pos);
      const previous = anchors[at - 1];
      if (previous?.pos === anchor.pos) {
        // the same row again: keep the index key if either had it
        anchors[at - 1] = { ...anchor, raw: anchor.raw ?? previous.raw };
        return;
      }
      anchors.splice(at, 0, anchor);
    },
    beginWrite() {
      writing++;
      generation++;
    },
    endWrite(removed, added) {
      shift(removed, added);
      writing = Math.max(0, writing - 1);
      generation++;
    },
    endWriteUnknown() {
      anchors = [];
      writing = Math.max(0, writing - 1);
      generation++;
    },
  };
}
