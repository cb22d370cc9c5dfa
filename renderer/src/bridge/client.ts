import type { Bridge, Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import { err, type Result } from '../../../shared/ipc/result';

declare global {
  interface Window {
    /** set by the Electron preload; absent in browser mode */
    fairsend?: Bridge;
  }
}

/** Browser mode: the same calls over a WebSocket to the Node host that served this page. */
function createWebSocketBridge(): Bridge {
  const token = document.querySelector<HTMLMetaElement>('meta[name="fairsend-bridge"]')?.content ?? '';
  const url = new URL(`/bridge?token=${encodeURIComponent(token)}`, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  let socket: Promise<WebSocket> | undefined;

  function connect(): Promise<WebSocket> {
    socket ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('bridge unreachable'));
      ws.onclose = () => {
        socket = undefined;
        for (const settle of pending.values())
          settle(err('transient', 'Lost the connection to Fairsend. Try again.'));
        pending.clear();
      };
      ws.onmessage = (event) => {
        const frame = JSON.parse(String(event.data)) as { id: number; result: Result<unknown> };
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      };
    });
    return socket;
  }

  return {
    async call(channel, request) {
      let ws: WebSocket;
      try {
        ws = await connect();
      } catch {
        socket = undefined;
        return err('transient', 'Cannot reach the Fairsend host. Is `npm start` still running?');
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        ws.send(JSON.stringify({ id, channel, request }));
      });
    },
  };
}

const bridge: Bridge = window.fairsend ?? createWebSocketBridge();

/** The renderer's one way into main. Results are never thrown. */
export function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  return bridge.call(channel, request);
}

/** For the rare caller that wants a value or an exception (e.g. inside a task that already reports errors). */
export async function callOrThrow<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const result = await call(channel, request);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
