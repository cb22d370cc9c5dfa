import type { Bridge } from '../../../shared/ipc/contract';
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

/** The Electron preload's bridge, or the WebSocket one; made on the first call, so importing this is free. */
let bridge: Bridge | undefined;

/** The shape of `call`, for code that is handed the bridge (the composition root, tests). */
export type CallBridge = Bridge['call'];

/** The renderer's one way into main. Results are never thrown. */
export const call: CallBridge = (channel, request) => {
  bridge ??= window.fairsend ?? createWebSocketBridge();
  return bridge.call(channel, request);
};
