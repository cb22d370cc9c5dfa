/**
 * A job that runs now, then again after the delay each run asks for: the one-off scheduler and the sequence
 * engine both sleep until their next due time. A run that fails as a whole waits `troubleMs` and tries again.
 */
export function wakeLoop(
  run: () => Promise<number>,
  { troubleMs, what }: { troubleMs: number; what: string },
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = true;
  let running: Promise<void> = Promise.resolve();
  // told after every run: a window's lists learn what another window sent (windows share no change feeds)
  const listeners = new Set<() => void>();

  async function tick(): Promise<void> {
    let delay: number;
    try {
      delay = await run();
    } catch (error) {
      console.warn(`${what} will retry:`, error instanceof Error ? error.message : error);
      delay = troubleMs;
    }
    for (const listener of listeners) listener();
    arm(delay);
  }

  /** Wakes after `delay` ms (replacing the wake-up set before); nothing once stopped. */
  function arm(delay: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
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
        clearTimeout(timer);
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
