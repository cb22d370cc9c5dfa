import { describe, expect, it } from 'vitest';
import { lazySequenceEngine } from './lazy-engine';
import type { SequenceRunner } from './sequence-runner';

/** A runner that records what was asked of it; the lazy face is what is under test. */
function recordingRunner() {
  const calls: string[] = [];
  const listeners = new Set<() => void>();
  const runner = {
    start: () => {
      calls.push('start');
      return async () => {
        calls.push('stop');
      };
    },
    wake: () => {
      calls.push('wake');
      for (const listener of listeners) listener();
    },
    runOnce: async () => {
      calls.push('runOnce');
      return { sent: 0 };
    },
    draftFor: async () => null,
    onRun: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as SequenceRunner;
  return { calls, runner };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the sequence engine, read when it has work', () => {
  it('reads no code at start while nobody waits for a send, and starts on the first wake', async () => {
    const { calls, runner } = recordingRunner();
    let loads = 0;
    const engine = lazySequenceEngine({
      load: async () => {
        loads++;
        return runner;
      },
      anyWaiting: async () => false,
    });
    let runs = 0;
    engine.onRun(() => runs++);
    const stop = engine.start();
    await settle();
    expect(loads).toBe(0);
    engine.wake();
    await settle();
    expect(loads).toBe(1);
    expect(calls).toEqual(['start', 'wake']);
    expect(runs).toBe(1); // a listener added before the code was read hears its runs
    await stop();
    expect(calls.at(-1)).toBe('stop');
  });

  it('starts at once when an enrollment waits, and reads the code once', async () => {
    const { calls, runner } = recordingRunner();
    let loads = 0;
    const engine = lazySequenceEngine({
      load: async () => {
        loads++;
        return runner;
      },
      anyWaiting: async () => true,
    });
    engine.start();
    engine.wake();
    await settle();
    await settle();
    expect(loads).toBe(1);
    expect(calls.filter((c) => c === 'start')).toHaveLength(1);
  });

  it('Resume sending wakes the runner only when someone waits: the code is not read for nobody', async () => {
    const idle = recordingRunner();
    let loads = 0;
    const quiet = lazySequenceEngine({
      load: async () => {
        loads++;
        return idle.runner;
      },
      anyWaiting: async () => false,
    });
    quiet.start();
    quiet.wakeIfWaiting();
    await settle();
    expect(loads).toBe(0);

    const busy = recordingRunner();
    const engine = lazySequenceEngine({ load: async () => busy.runner, anyWaiting: async () => true });
    engine.start();
    await settle();
    engine.wakeIfWaiting();
    await settle();
    await settle();
    expect(busy.calls).toEqual(['start', 'wake']);
  });

  it('never starts the runner after it was stopped', async () => {
    const { calls, runner } = recordingRunner();
    const engine = lazySequenceEngine({ load: async () => runner, anyWaiting: async () => true });
    const stop = engine.start();
    await stop();
    await settle();
    expect(calls).not.toContain('start');
  });
});
