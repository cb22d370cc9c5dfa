import { useEffect, useRef, useState } from 'react';
import type { SendDraft, SendPreview } from '../../../../shared/ipc/send';
import { call } from '../../bridge/client';
import { bridgeProblem } from '../../ui/bridge-problem';

export type GatePreviewState =
  | { state: 'idle' }
  | { state: 'checking'; last: SendPreview | null }
  | { state: 'done'; preview: SendPreview }
  | { state: 'error'; message: string };

/**
 * The gate's verdict for the draft as the rep types: `send.preview` once the draft has been still for
 * `ms`. Only the newest answer is shown; an older one that arrives late is dropped.
 */
export function useGatePreview(draft: SendDraft | null, ms = 300): GatePreviewState {
  const [result, setResult] = useState<GatePreviewState>({ state: 'idle' });
  const latest = useRef(0);
  const key = draft ? JSON.stringify(draft) : '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the draft's content; the object itself is new on every render.
  useEffect(() => {
    if (!draft) {
      setResult({ state: 'idle' });
      return;
    }
    const id = ++latest.current;
    setResult((r) => ({
      state: 'checking',
      last: r.state === 'done' ? r.preview : r.state === 'checking' ? r.last : null,
    }));
    const timer = setTimeout(() => {
      void call('send.preview', draft).then((answer) => {
        if (id !== latest.current) return;
        setResult(
          answer.ok
            ? { state: 'done', preview: answer.value }
            : { state: 'error', message: bridgeProblem(answer.error).text },
        );
      });
    }, ms);
    return () => clearTimeout(timer);
  }, [key, ms]);

  return result;
}
