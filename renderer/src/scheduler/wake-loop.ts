/** How the loop sets its wake-ups: the window's timers, or a test's clock. */
export interface LoopTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const WINDOW_TIMERS: LoopTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A job that runs now, then again after the delay each run asks for: the one-off scheduler and the sequence
 * engine both sleep until their next due time. A run that fails as a whole waits `troubleMs` and tries again.
 * Runs never overlap: a wake-up asked for while a run is under way (a lead resumed, sending resumed) is kept
 * and taken when that run ends, at the sooner of the two times, because the run may have read the store
 * before the change it announces. Each delay is worked out by the run as it ends, from the clock as it is
 * then.
 */
export function wakeLoop(
  run: () => Promise<number>,
  { troubleMs, what, timers = WINDOW_TIMERS }: { troubleMs: number; what: string; timers?: LoopTimers },
) {
  let timer: unknown;
  let stopped = true;
  let inFlight = false;
  /** the soonest wake-up asked for while a run was under way; null: none */
  let asked: number | null = null;
  let running: Promise<void> = Promise.resolve();
  // told after every run: a window's lists learn what another window sent (windows share no change feeds)
  const listeners = new Set<() => void>();

  async function tick(): Promise<void> {
    inFlight = true;
    let delay: number;
    try {
      delay = await run();
    } catch (error) {
      console.warn(`${what} will retry:`, error instanceof Error ? error.message : error);
      delay = troubleMs;
    } finally {
      inFlight = false;
    }
    if (asked !== null) delay = Math.min(delay, asked);
    asked = null;
    for (const listener of listeners) listener();
    arm(delay);
  }

  /** Wakes after `delay` ms (replacing the one set before); during a run, once it ends; never once stopped. */
  function arm(delay: number): void {
    if (stopped) return;
    if (inFlight) {
      asked = Math.min(asked ?? delay, delay);
      return;
    }
    if (timer !== undefined) timers.clear(timer);
    timer = timers.set(() => {
      timer = undefined;
      running = tick();
    }, delay);
  }

  return {
    /** Starts the runs (the first at once); the returned stop waits for a run under way. */
    start(): () => Promise<void> {
      if (!stopped) return async () => {};
      stopped = false;
      running = tick();
      return async () => {
        stopped = true;
        if (timer !== undefined) timers.clear(timer);
        timer = undefined;
        await running;
      };
    },
    arm,
    get stopped() {
      return stopped;
    },
    /** Calls `listener` after each run; returns how to stop. */
    onRun(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
