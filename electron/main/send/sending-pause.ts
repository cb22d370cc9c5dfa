import type { AuditLog } from '../audit/audit-log';
import { readJsonFile, writeJsonFile } from '../settings/json-file';

export interface SendingPauseState {
  paused: boolean;
  /** when it was paused or resumed last; 0 before any change */
  since: number;
}

/**
 * "Pause all sending": held in main, where the one send path reads it before every send (a paused send is
 * blocked with `sending-paused`), so neither the renderer's engine nor a second window can go around it.
 * Kept in `file` (main's settings folder), so a rep who paused stays paused after the app or the browser-mode
 * host restarts. Each change is audited. Listeners (the tray's menu) hear every change.
 */
export function createSendingPause(deps: {
  audit: Pick<AuditLog, 'append'>;
  now: () => number;
  /** where the state is kept; without it (tests), it lasts as long as this process */
  file?: string;
}) {
  let state: SendingPauseState = deps.file ? keptState(deps.file) : { paused: false, since: 0 };
  const listeners = new Set<(state: SendingPauseState) => void>();
  return {
    paused: (): boolean => state.paused,
    state: (): SendingPauseState => ({ ...state }),
    async set(paused: boolean): Promise<SendingPauseState> {
      if (paused === state.paused) return { ...state };
      state = { paused, since: deps.now() };
      // the rep's choice holds now even if it cannot be kept (a full disk): it lasts until the process ends
      if (deps.file) keep(deps.file, state);
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

/**
 * The kept state: none kept is not paused; a damaged file reads as paused (the rep may have paused, and
 * Resume sending writes it anew), so a broken file never sends what the rep meant to hold back.
 */
function keptState(file: string): SendingPauseState {
  let kept: Partial<SendingPauseState> | null;
  try {
    kept = readJsonFile<Partial<SendingPauseState> | null>(file, null);
  } catch {
    return { paused: true, since: 0 };
  }
  if (kept === null) return { paused: false, since: 0 };
  return {
    paused: kept.paused !== false,
    since: typeof kept.since === 'number' && Number.isFinite(kept.since) ? kept.since : 0,
  };
}

function keep(file: string, state: SendingPauseState): void {
  try {
    writeJsonFile(file, state);
  } catch (error) {
    console.warn('Pause all sending could not be kept for the next start:', error);
  }
}

export type SendingPause = ReturnType<typeof createSendingPause>;
