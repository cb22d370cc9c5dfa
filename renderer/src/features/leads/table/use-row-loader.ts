import { useEffect, useRef, useState } from 'react';
import type { LeadList } from '../../../db/lead-list';

/**
 * Loads the visible rows (plus overscan) of the latest list, one load at a time: while one runs, newer
 * ranges replace each other, so a fast scroll loads where the user stopped, not every row it passed.
 * A new list (filter change, writes) is shown only once its visible rows are in, so rows never flash
 * to placeholders and back.
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
    const pump = async () => {
      for (;;) {
        const target = wanted.current;
        try {
          await target.list.load(target.start, target.end);
        } catch {
          // a failed page stays a placeholder; the next scroll or write retries it
        }
        if (!mounted.current) break;
        setShown(target.list);
        setLoaded((n) => n + 1);
        const now = wanted.current;
        if (now.list === target.list && now.start === target.start && now.end === target.end) break;
      }
      running.current = false;
    };
    void pump();
  }, [list, start, end]);

  return { shown, loaded };
}
