import { useEffect, useRef, useState } from 'react';
import type { LeadList } from '../../../db/lead-list';

/** Rows read ahead of the view, each way, once the view itself is in: a page, so paging never waits. */
const READ_AHEAD = 100;

/**
 * Loads the visible rows (plus overscan) of the latest list, one load at a time: while one runs, newer
 * ranges replace each other, so a fast scroll loads where the user stopped, not every row it passed.
 * A new list (filter change, writes) is shown only once its visible rows are in, so rows never flash
 * to placeholders and back. When the view is in and nothing newer is wanted, the rows a page beyond
 * it, each way, are read too: PageDown and short scrolls then find their rows already there.
 */
export function useRowLoader(
  list: LeadList,
  start: number,
  end: number,
): { shown: LeadList; loaded: number } {
  const [shown, setShown] = useState(list);
  const [loaded, setLoaded] = useState(0);
  const wanted = useRef({ list, start, end });
  const running = useRef(false);
  wanted.current = { list, start, end };

  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new list or range starts the pump; it reads them from `wanted`.
  useEffect(() => {
    // A running pump reads `wanted` when its load ends, so it picks this range up itself.
    if (running.current) return;
    running.current = true;
    const isWanted = (t: typeof wanted.current) => {
      const now = wanted.current;
      return now.list === t.list && now.start === t.start && now.end === t.end;
    };
    const pump = async () => {
      for (;;) {
        const target = wanted.current;
        // rows already read (read ahead, or a page seen before) are drawn by the render that scrolled to them
        const had = target.list.has(target.start, target.end);
        try {
          await target.list.load(target.start, target.end);
        } catch {
          // a failed page stays a placeholder; the next scroll or write retries it
        }
        if (!mounted.current) break;
        setShown(target.list);
        if (!had) setLoaded((n) => n + 1);
        if (!isWanted(target)) continue;
        // The view is in: read ahead, then look again (the view may have moved meanwhile).
        const ahead = [
          [target.end, target.end + READ_AHEAD],
          [Math.max(0, target.start - READ_AHEAD), target.start],
        ] as const;
        const missing = ahead.filter(([a, b]) => b > a && a < target.list.total && !target.list.has(a, b));
        if (!missing.length) break;
        try {
          for (const [a, b] of missing) await target.list.load(a, b);
        } catch {
          // read-ahead is a bonus: the view loads these rows itself when it gets there
        }
        if (!mounted.current || isWanted(target)) break;
      }
      running.current = false;
    };
    void pump();
  }, [list, start, end]);

  // A new list whose visible rows are already read (a search's first page) is shown now, not a render later.
  return { shown: list !== shown && list.has(start, end) ? list : shown, loaded };
}
