import { useCallback, useEffect, useState } from 'react';
import type { SendingState } from '../../../shared/ipc/sending';
import { call } from '../bridge/client';
import { useApp } from '../store';
import { bridgeProblem } from '../ui/bridge-problem';

/** How often the state is read again: the tray's menu can change it while this window is open. */
const REREAD_MS = 30_000;

/**
 * "Pause all sending" / "Resume sending" in the app (the tray has the same in the desktop app): main holds the
 * state and its send path refuses every send while paused, so the engine and Compose wait alike.
 */
export function SendingToggle() {
  const notify = useApp((s) => s.notify);
  const [state, setState] = useState<SendingState | null>(null);
  const [busy, setBusy] = useState(false);

  const read = useCallback(async () => {
    const result = await call('sending.state', {});
    if (result.ok) setState(result.value);
  }, []);

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
    setState(result.value);
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
