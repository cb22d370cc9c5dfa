import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

/**
 * A test's view of the browser-mode host from outside: raw HTTP (so the Host header and the path reach the
 * server as written) and raw WebSocket frames, independent of the host's own code.
 */

/** A throwaway renderer folder with an index.html the host can write the token into. */
export async function fakeRendererDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fairsend-renderer-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<html><head><title>t</title></head><body></body></html>');
  await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

export const TOKEN_PATTERN = /name="fairsend-bridge" content="([^"]+)"/;

export async function bridgeToken(url: string): Promise<string> {
  const html = await (await fetch(url)).text();
  return TOKEN_PATTERN.exec(html)?.[1] ?? '';
}

export interface RawResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A GET with exactly the given Host header (or none at all when `host` is null: HTTP/1.0 style). */
export function rawGet(port: number, path: string, host: string | null): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'GET',
        setHost: false,
        headers: host === null ? {} : { host },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export interface BridgeAttempt {
  /** ws://127.0.0.1:PORT/bridge, without the query */
  url: string;
  origin: string;
  token?: string;
  /** sent instead of the URL's host */
  host?: string;
}

function bridgeUrl(attempt: BridgeAttempt): string {
  return attempt.token === undefined
    ? attempt.url
    : `${attempt.url}?token=${encodeURIComponent(attempt.token)}`;
}

function openSocket(attempt: BridgeAttempt): WebSocket {
  return new WebSocket(bridgeUrl(attempt), {
    origin: attempt.origin,
    ...(attempt.host ? { headers: { host: attempt.host } } : {}),
  });
}

/** Opens a WebSocket and reports whether the host accepted it ('open') or the status it refused with. */
export function tryBridge(attempt: BridgeAttempt): Promise<'open' | number | 'error'> {
  return new Promise((resolve) => {
    const ws = openSocket(attempt);
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 'error');
      ws.terminate();
    });
    ws.on('error', () => resolve('error'));
  });
}

export function openBridge(attempt: BridgeAttempt): Promise<WebSocket> {
  const ws = openSocket(attempt);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends one raw frame and waits for the next frame back; rejects if none comes in time or the socket closes. */
export function exchange(ws: WebSocket, frame: string | Buffer, timeoutMs = 2000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('no reply to the frame')), timeoutMs);
    const onMessage = (data: WebSocket.RawData) => finish(null, JSON.parse(data.toString()));
    const onClose = (code: number) => finish(new Error(`socket closed (${code})`));
    function finish(error: Error | null, value?: unknown) {
      clearTimeout(timer);
      ws.off('message', onMessage);
      ws.off('close', onClose);
      if (error) reject(error);
      else resolve(value);
    }
    ws.on('message', onMessage);
    ws.on('close', onClose);
    ws.send(frame, { binary: Buffer.isBuffer(frame) });
  });
}
