import type { LeadList } from '../../../db/lead-list';

/** Rows read ahead of the view, each way, once the view itself is in: a page, so paging never waits. */
export const READ_AHEAD = 100;

/** The rows the grid wants: a list and the range of it in view (plus overscan). */
export interface RowView {
  list: LeadList;
  start: number;
  end: number;
}

export interface RowPumpEvents {
  /** the view's rows are in (or failed and stay placeholders): draw this list */
  shown(list: LeadList, newlyRead: boolean): void;
}

/**
 * Loads the rows of the latest view, one load at a time: while one runs, newer views replace each other, so a
 * fast scroll loads where the user stopped, not every row it passed. Once the view is in, a page beyond it each
 * way is read too, beside the pump (a jump made meanwhile never waits behind it) and one read at a time; that
 * stops as soon as the view moves on.
 */
export function createRowPump(events: RowPumpEvents) {
  let wanted: RowView | null = null;
  let pumping = false;
  let readingAhead = false;
  let stopped = false;

  const isWanted = (view: RowView) =>
    wanted !== null && wanted.list === view.list && wanted.start === view.start && wanted.end === view.end;

  async function pump(): Promise<void> {
    pumping = true;
    try {
      while (!stopped && wanted) {
        const view = wanted;
        // rows already read (read ahead, or a page seen before) are drawn by the render that scrolled to them
        const had = view.list.has(view.start, view.end);
        try {
          await view.list.load(view.start, view.end);
        } catch {
          // a failed page stays a placeholder; the next scroll or write retries it
        }
        if (stopped) return;
        events.shown(view.list, !had);
        if (!isWanted(view)) continue;
        readAhead(view);
        return;
      }
    } finally {
      pumping = false;
    }
  }

  function readAhead(view: RowView): void {
    if (readingAhead) return;
    const ahead = [
      [view.end, view.end + READ_AHEAD],
      [Math.max(0, view.start - READ_AHEAD), view.start],
    ] as const;
    const missing = ahead.filter(([a, b]) => b > a && a < view.list.total && !view.list.has(a, b));
    if (!missing.length) return;
    readingAhead = true;
    void (async () => {
      try {
        for (const [a, b] of missing) {
          if (stopped || !isWanted(view)) break;
          await view.list.load(a, b);
        }
      } catch {
        // read-ahead is a bonus: the view loads these rows itself when it gets there
      } finally {
        readingAhead = false;
      }
      // the view moved while this ran: read ahead of where it is now, once its own rows are in
      const now = wanted;
      if (!stopped && now && !isWanted(view) && !pumping && now.list.has(now.start, now.end)) readAhead(now);
    })();
  }

  return {
    /** The grid's view changed (a scroll, a new list): its rows are loaded unless a load is under way, which picks it up when it ends. */
    want(view: RowView): void {
      wanted = view;
      if (!pumping) void pump();
    },
    stop(): void {
      stopped = true;
    },
  };
}
