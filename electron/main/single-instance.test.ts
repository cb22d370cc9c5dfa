import { EventEmitter } from 'node:events';
import type { App } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { holdSingleInstance } from './single-instance';

function fakeApp(gotLock: boolean) {
  const emitter = new EventEmitter();
  const app = Object.assign(emitter, { requestSingleInstanceLock: vi.fn(() => gotLock), quit: vi.fn() });
  return app as typeof app & Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>;
}

function fakeWindow(minimized: boolean) {
  const calls: string[] = [];
  return {
    calls,
    window: {
      isMinimized: () => minimized,
      restore: () => void calls.push('restore'),
      show: () => void calls.push('show'),
      focus: () => void calls.push('focus'),
    },
  };
}

describe('holdSingleInstance', () => {
  it('quits a second start at once, before it opens anything', () => {
    const app = fakeApp(false);
    expect(holdSingleInstance(app, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('keeps the first instance, which brings its window forward when another start is attempted', () => {
    const app = fakeApp(true);
    const { window, calls } = fakeWindow(true);
    let current: typeof window | null = null;
    expect(holdSingleInstance(app, () => current)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance', {}, ['fairsend'], '/');
    expect(calls).toEqual([]); // no window yet: nothing to focus, nothing thrown
    current = window;
    app.emit('second-instance', {}, ['fairsend'], '/');
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });
});
