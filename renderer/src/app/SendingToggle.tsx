import { useCallback, useEffect, useRef, useState } from 'react';
import type { SendingState } from '../../../shared/ipc/sending';
import { call } from '../bridge/client';
import { useApp } from '../store';
import { bridgeProblem } from '../ui/bridge-problem';

/** How often the state is read again: the tray's menu can change it while this window is open. */
const REREAD_MS = 30_000;

/**
 * "Pause all sending" / "Resume sending" in the app (the tray has the same in the desktop app): main holds the
 * state and its send path refuses every send while paused, so the engine and Compose wait alike.
 * `onResumed` is told when sending resumes, here or (seen on the next read) from the tray: the engine wakes.
 */
export function SendingToggle({ onResumed }: { onResumed?: () => void }) {
  const notify = useApp((s) => s.notify);
  const [state, setState] = useState<SendingState | null>(null);
  const [busy, setBusy] = useState(false);
  const last = useRef<SendingState | null>(null);
  const resumed = useRef(onResumed);
  resumed.current = onResumed;

  /** Keeps main's answer; a pause seen before that is over now means sending resumed. */
  const keep = useCallback((next: SendingState) => {
    const before = last.current;
    last.current = next;
    setState(next);
    if (before?.paused && !next.paused) resumed.current?.();
  }, []);

  const read = useCallback(async () => {
    const result = await call('sending.state', {});
    if (result.ok) keep(result.value);
  }, [keep]);

  useEffect(() => {
    void read();
    const timer = setInterval(() => void read(), REREAD_MS);
    return () => clearInterval(timer);
  }, [read]);

  if (!state) return null;
  const toggle = async () => {
    setBusy(true);
    const result = await call('sending.setPaused', { paused: !state.paused });
    setBusy(false);
    if (!result.ok) return notify('error', bridgeProblem(result.error).text);
    keep(result.value);
    notify(
      'success',
      result.value.paused ? 'All sending is paused.' : 'Sending resumed: waiting emails go on by themselves.',
    );
  };
  return (
    <div className="sending-toggle">
      {state.paused ? (
        <p className="warning" role="status">
          Sending is paused
        </p>
      ) : null}
      <button
        type="button"
        className={state.paused ? 'primary' : 'ghost'}
        disabled={busy}
        onClick={() => void toggle()}
      >
        {state.paused ? 'Resume sending' : 'Pause all sending'}
      </button>
    </div>
  );
}
