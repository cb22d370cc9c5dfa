import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { dispatch, type Handlers, type Logger } from '../../shared/ipc/dispatch';
import { err } from '../../shared/ipc/result';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { readFrame, replyFrame } from './frames';
import { type LoopbackGuard, loopbackGuard, tokenMatches } from './loopback-guard';

/**
 * Browser mode: the same renderer and the same main-process handlers, with a WebSocket on loopback
 * instead of Electron IPC. Only our page may connect: the Host must name this host (loopback-guard.ts), the
 * Origin must be ours and the socket must present the per-run token that the host wrote into the page it served.
 */
export interface WebHostOptions {
  handlers: Handlers;
  staticDir: string;
  port?: number;
  log?: Logger;
}

export interface WebHost {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Vite names every file under /assets/ by its content hash, so the browser may keep it for good: a restart then
 * loads the app from Chromium's cache with its compiled code (V8's code cache), not over the socket and parser.
 */
const HASHED_ASSETS = '/assets/';
const IMMUTABLE = { 'Cache-Control': 'public, max-age=31536000, immutable' };

/** Frames are small JSON calls; anything bigger is refused before it is parsed. */
const MAX_FRAME_BYTES = 8 * 1024 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  const log = options.log ?? (() => {});
  const root = normalize(options.staticDir);
  const indexHtml = (await readFile(join(root, 'index.html'), 'utf8')).replace(
    '</head>',
    `<meta name="fairsend-bridge" content="${token}"></head>`,
  );

  // Known once listening; no request can arrive before then.
  let guard: LoopbackGuard = loopbackGuard(0);
  const server = createServer((req, res) => {
    serveStatic(req, res).catch((error: unknown) => {
      log('error', `serving a file failed: ${error instanceof Error ? error.name : typeof error}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function serveStatic(req: IncomingMessage, res: ServerResponse) {
    const host = req.headers.host;
    if (!guard.hostAllowed(host)) {
      res
        .writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' })
        .end(`Fairsend answers only at ${guard.canonicalUrl}\n`);
      return;
    }
    const origin = `http://${host}`;
    const headers = {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY.replace(
        "connect-src 'self'",
        `connect-src 'self' ws://${host}`,
      ),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', origin).pathname);
    } catch {
      res.writeHead(400, headers).end('Bad request');
      return;
    }
    if (path === '/' || path === '/index.html') {
      res
        .writeHead(200, { ...headers, 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' })
        .end(indexHtml);
      return;
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(404, headers).end();
      return;
    }
    try {
      const body = await readFile(file);
      res
        .writeHead(200, {
          ...headers,
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          ...(path.startsWith(HASHED_ASSETS) ? IMMUTABLE : {}),
        })
        .end(body);
    } catch {
      res.writeHead(404, headers).end('Not found');
    }
  }

  /** Host first (421, as for pages), then Origin and token (401). Never throws: a throw here would crash the host. */
  function admit(
    req: IncomingMessage,
    origin: string | undefined,
  ): { ok: true } | { ok: false; status: number } {
    if (!guard.hostAllowed(req.headers.host)) return { ok: false, status: 421 };
    if (!guard.originAllowed(origin)) return { ok: false, status: 401 };
    const query = (req.url ?? '').split('?')[1] ?? '';
    const offered = new URLSearchParams(query).get('token') ?? '';
    return tokenMatches(offered, token) ? { ok: true } : { ok: false, status: 401 };
  }

  const wss = new WebSocketServer({
    server,
    path: '/bridge',
    maxPayload: MAX_FRAME_BYTES,
    verifyClient: (
      { origin, req }: { origin: string; req: IncomingMessage },
      done: (verified: boolean, code?: number, message?: string) => void,
    ) => {
      let verdict: ReturnType<typeof admit>;
      try {
        verdict = admit(req, origin);
      } catch (error) {
        log('warn', `bridge handshake refused: ${error instanceof Error ? error.name : typeof error}`);
        verdict = { ok: false, status: 400 };
      }
      if (verdict.ok) done(true);
      else
        done(
          false,
          verdict.status,
          verdict.status === 421 ? `Fairsend answers only at ${guard.canonicalUrl}` : undefined,
        );
    },
  });

  wss.on('connection', (socket) => {
    // ws closes the socket itself on protocol errors (e.g. 1009 for an oversized frame); without a listener
    // the error would crash the host.
    socket.on('error', (error) => log('warn', `bridge socket closed: ${error.message}`));
    socket.on('message', (data, isBinary) => void answer(socket, data, isBinary));
  });

  /** Answers one frame, whatever it holds; nothing it does may reject (an unhandled rejection ends the host). */
  async function answer(socket: WebSocket, data: RawData, isBinary: boolean) {
    let reply: string;
    try {
      const frame = readFrame(asBuffer(data), isBinary);
      reply = frame.ok
        ? replyFrame(
            frame.id,
            await dispatch(options.handlers, frame.channel, frame.request, { transport: 'ws' }, log),
          )
        : replyFrame(frame.id, { ok: false, error: frame.error });
    } catch (error) {
      log('error', `bridge frame failed: ${error instanceof Error ? error.name : typeof error}`);
      reply = replyFrame(null, err('internal', 'Something went wrong in the app. Please try again.'));
    }
    if (socket.readyState === socket.OPEN) socket.send(reply);
  }

  // a port already taken rejects here (the caller explains it) instead of crashing the process as an 'error' event
  // ws re-emits the server's errors on itself: while listening they are the promise's to report, after it logged
  let listening = false;
  wss.on('error', (error) => {
    if (listening) log('error', `bridge server: ${error.message.split('\n')[0]}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      listening = true;
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  guard = loopbackGuard(port);

  return {
    url: guard.canonicalUrl,
    server,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

/** ws hands over a Buffer by default; fragments and ArrayBuffers only with other `binaryType`s. */
function asBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? Buffer.from(data) : data;
}
