import { useEffect, useRef, useState } from 'react';
import type { LeadSort } from '../../../db/lead-docs';
import type { LeadList } from '../../../db/lead-list';
import { useServices } from '../../../services/use-services';
import type { LeadFilter } from '../../../store';
import { useRepoVersion } from './use-repo-version';

export interface LeadListState {
  /** the latest list; null only before the first one opened */
  list: LeadList | null;
  /** the filter `list` answers, so the screen can tell "no leads" from "no matches" */
  filter: LeadFilter | null;
  error: string;
}

interface Wanted {
  filter: LeadFilter;
  sort: LeadSort;
  version: number;
}

const sameView = (a: Wanted, b: Wanted) => a.filter === b.filter && a.sort === b.sort;

/**
 * Opens the list for the filter, and again after writes (throttled to 300 ms, so an import in progress
 * re-reads a few times a second at most). The old list stays until the new one is ready: no flash.
 * One open at a time: while one runs, newer filters replace each other, and when it ends only the latest is
 * opened. Typing "mar" then reads "m" (already under way) and "mar", never "ma", and no list for an older
 * filter is shown once a newer one is wanted. A search shows its first rows first, then its whole answer.
 */
export function useLeadList(filter: LeadFilter, sort: LeadSort = 'newest'): LeadListState {
  const { leadLists } = useServices();
  const version = useRepoVersion(300);
  const [state, setState] = useState<LeadListState>({ list: null, filter: null, error: '' });
  const wanted = useRef<Wanted>({ filter, sort, version });
  wanted.current = { filter, sort, version };
  const running = useRef(false);
  const mounted = useRef(false);
  const shown = useRef<LeadList | null>(null);

  /**
   * A search's first rows are painted before its whole answer is read (reading it first would hold them up in
   * IndexedDB); the whole answer replaces them when it comes, if nothing newer has.
   */
  const readWhole = async (list: LeadList, complete: () => Promise<LeadList>) => {
    await afterPaint();
    if (shown.current !== list) return;
    try {
      const whole = await complete();
      setState((s) => (s.list === list ? { ...s, list: whole } : s));
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      setState((s) => (s.list === list ? { ...s, error: message } : s));
    }
  };

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter, sort or write starts the pump; it reads them from `wanted`.
  useEffect(() => {
    // A running open reads `wanted` when it ends, so it picks this change up itself.
    if (running.current) return;
    running.current = true;
    const pump = async () => {
      for (;;) {
        const target = wanted.current;
        try {
          const list = await leadLists.open({ ...target.filter, sort: target.sort });
          // a list for the same filter is shown even if a write came meanwhile: it is re-read next
          if (mounted.current && sameView(target, wanted.current)) {
            setState({ list, filter: target.filter, error: '' });
            shown.current = list;
            if (list.complete) void readWhole(list, list.complete);
          }
        } catch (error: unknown) {
          if (mounted.current && sameView(target, wanted.current))
            setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
        }
        const now = wanted.current;
        if (!mounted.current || (sameView(target, now) && target.version === now.version)) break;
      }
      running.current = false;
    };
    void pump();
  }, [leadLists, filter, sort, version]);

  return state;
}

/** After the next frame is painted; at most a tenth of a second when no frame comes (a hidden tab). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}
