import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';

/**
 * The renderer is served from `app://fairsend/` instead of `file://`: a page there is one origin of its own,
 * so the IPC sender check and navigation blocking can name it, and no other local file can pose as the app.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'fairsend';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Before `ready`: a standard, secure scheme gets an origin, storage (IndexedDB), workers and `'self'` in CSP. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

/** After `ready`: answers `app://fairsend/…` from the built renderer folder, and nothing else. */
export function serveRenderer(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createRendererHandler(rendererDir));
}

export interface RendererLocation {
  /** what the window loads */
  url: string;
  /** the one origin whose pages may stay in the window and call the bridge */
  origin: string;
}

/**
 * The Vite dev server in `npm run dev`; the bundled renderer otherwise. A packaged app ignores
 * ELECTRON_RENDERER_URL, and only a loopback http server counts, so an environment variable cannot point the
 * window (and with it the bridge) at another site.
 */
export function rendererLocation(options: {
  devServerUrl?: string | undefined;
  packaged: boolean;
}): RendererLocation {
  const dev = options.packaged ? null : devServer(options.devServerUrl);
  return dev ? { url: dev.href, origin: dev.origin } : { url: APP_ENTRY_URL, origin: APP_ORIGIN };
}

function devServer(raw: string | undefined): URL | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'http:' && loopback && !url.username && !url.password ? url : null;
  } catch {
    return null;
  }
}

export type RendererFile = { ok: true; file: string } | { ok: false; status: 400 | 404 };

/**
 * Maps an `app://fairsend/…` URL to a file inside `rendererDir`, or refuses. Pure, so traversal is tested as a
 * table: percent-encoded dots and slashes, backslashes, drive letters and NUL are refused after decoding, and
 * the result must still lie under the folder.
 */
export function rendererFileFor(raw: string, rendererDir: string): RendererFile {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) {
    return { ok: false, status: 404 };
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  const segments = path.split('/').filter(Boolean);
  if (segments.some((s) => s === '.' || s === '..' || /[\\:\0]/.test(s))) return { ok: false, status: 400 };
  const root = resolve(rendererDir);
  const file = segments.length === 0 ? resolve(root, 'index.html') : resolve(root, ...segments);
  const inside = relative(root, file);
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) return { ok: false, status: 400 };
  return { ok: true, file };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The protocol handler: GET and HEAD only; every answer says its type (nosniff) and HTML carries the CSP as a
 * header too (the built page also has it as a meta tag, which cannot hold `frame-ancestors`).
 */
export function createRendererHandler(
  rendererDir: string,
  read: (file: string) => Promise<Uint8Array> = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const target = rendererFileFor(request.url, rendererDir);
    if (!target.ok) return new Response(null, { status: target.status });
    let body: Uint8Array;
    try {
      body = await read(target.file);
    } catch {
      return new Response(null, { status: 404 });
    }
    const type = contentTypeFor(target.file);
    const headers = new Headers({
      'Content-Type': type,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
      'Referrer-Policy': 'no-referrer',
    });
    if (type.startsWith('text/html')) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
