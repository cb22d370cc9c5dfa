import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import { dispatch, type Handlers, type Logger } from '../../shared/ipc/dispatch';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

/**
 * Browser mode: the same renderer and the same main-process handlers, with a WebSocket on loopback
 * instead of Electron IPC. Only our page may connect: the Origin must be ours and the socket must
 * present the per-run token that the host wrote into the page it served.
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

  let origin = '';
  const server = createServer((req, res) => void serveStatic(req, res));

  async function serveStatic(req: IncomingMessage, res: ServerResponse) {
    const headers = {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY.replace(
        "connect-src 'self'",
        `connect-src 'self' ${origin.replace('http', 'ws')}`,
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
        .writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      res.writeHead(404, headers).end('Not found');
    }
  }

  const wss = new WebSocketServer({
    server,
    path: '/bridge',
    maxPayload: MAX_FRAME_BYTES,
    verifyClient: ({ origin: from, req }: { origin: string; req: IncomingMessage }) => {
      if (from !== origin) return false;
      const offered = new URL(req.url ?? '', origin).searchParams.get('token') ?? '';
      return offered.length === token.length && timingSafeEqual(Buffer.from(offered), Buffer.from(token));
    },
  });

  wss.on('connection', (socket) => {
    // ws closes the socket itself on protocol errors (e.g. 1009 for an oversized frame); without a listener
    // the error would crash the host.
    socket.on('error', (error) => log('warn', `bridge socket closed: ${error.message}`));
    socket.on('message', async (data) => {
      let frame: { id?: unknown; channel?: unknown; request?: unknown };
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return; // not ours: ignore rather than echo
      }
      if (typeof frame.id !== 'number') return;
      const result = await dispatch(options.handlers, frame.channel, frame.request, { transport: 'ws' }, log);
      socket.send(JSON.stringify({ id: frame.id, result }));
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    server,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}
