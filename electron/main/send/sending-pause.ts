import type { AuditLog } from '../audit/audit-log';

export interface SendingPauseState {
  paused: boolean;
  /** when it was paused or resumed last; 0 before any change */
  since: number;
}

/**
 * "Pause all sending": held in main, where the one send path reads it before every send (a paused send is
 * blocked with `sending-paused`), so neither the renderer's engine nor a second window can go around it.
 * Each change is audited. Listeners (the tray's menu) hear every change.
 */
export function createSendingPause(deps: { audit: Pick<AuditLog, 'append'>; now: () => number }) {
  let state: SendingPauseState = { paused: false, since: 0 };
  const listeners = new Set<(state: SendingPauseState) => void>();
  return {
    paused: (): boolean => state.paused,
    state: (): SendingPauseState => ({ ...state }),
    async set(paused: boolean): Promise<SendingPauseState> {
      if (paused === state.paused) return { ...state };
      state = { paused, since: deps.now() };
      for (const listener of listeners) listener({ ...state });
      await deps.audit.append(paused ? 'sending.paused' : 'sending.resumed', {}).catch(() => undefined);
      return { ...state };
    },
    onChange(listener: (state: SendingPauseState) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type SendingPause = ReturnType<typeof createSendingPause>;
