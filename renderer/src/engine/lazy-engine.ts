import type { SequenceRunner } from './sequence-runner';

/** The runner's face, without its code: what screens and the composition root call. */
export type SequenceEngine = Pick<SequenceRunner, 'start' | 'wake' | 'runOnce' | 'draftFor'> & {
  onRun(listener: () => void): () => unknown;
  /** Wakes the engine if it has work (Resume sending): its code is not read for a rep with nobody waiting. */
  wakeIfWaiting(): void;
};

export interface LazyEngineDeps {
  /** the runner itself: its module brings Liquid, zoned calendars and every country's holidays (over 1 MB) */
  load(): Promise<SequenceRunner>;
  /** whether any enrollment waits for a send; when none does, the code loads on the first `wake()` */
  anyWaiting(): Promise<boolean>;
}

/**
 * The sequence engine, read when it has work: never before the first screen, and not at all in a window
 * whose rep has nobody in a sequence (enrolling or resuming calls `wake()`, which loads and runs it).
 */
export function lazySequenceEngine({ load, anyWaiting }: LazyEngineDeps): SequenceEngine {
  let loading: Promise<SequenceRunner> | null = null;
  const listeners = new Set<() => void>();
  const runner = () => {
    loading ??= load().then((r) => {
      r.onRun(() => {
        for (const listener of listeners) listener();
      });
      return r;
    });
    return loading;
  };
  let started = false;
  let stopRunner: (() => Promise<void>) | null = null;
  let stopped = false;

  const begin = async () => {
    const r = await runner();
    if (started && !stopped && !stopRunner) stopRunner = r.start();
    return r;
  };

  function wake(): void {
    void begin()
      .then((r) => r.wake())
      .catch((error: unknown) => console.warn('The sequence engine did not start:', error));
  }

  return {
    start() {
      started = true;
      stopped = false;
      void anyWaiting()
        .then((waiting) => (waiting ? begin() : null))
        .catch((error: unknown) => console.warn('The sequence engine did not start:', error));
      return async () => {
        stopped = true;
        await stopRunner?.();
        stopRunner = null;
      };
    },
    wake,
    wakeIfWaiting() {
      if (loading) return wake();
      void anyWaiting()
        .then((waiting) => (waiting ? wake() : null))
        .catch((error: unknown) => console.warn('The sequence engine did not start:', error));
    },
    runOnce: async () => (await runner()).runOnce(),
    draftFor: async (enrollmentId, step) => (await runner()).draftFor(enrollmentId, step),
    // listening reads no code: a run can only come once it is read
    onRun(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
