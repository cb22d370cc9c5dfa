import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { stubHandlers } from '../../shared/ipc/testing/stub-handlers';
import { startWebHost, type WebHost } from './server';

const handlers = stubHandlers({
  'app.info': () => ({
    name: 'Fairsend',
    version: '9.9.9',
    mode: 'browser',
    platform: 'linux',
    secretStorage: 'dev-file-key',
  }),
});

let host: WebHost;
let token: string;

beforeEach(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fairsend-host-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<html><head><title>t</title></head><body></body></html>');
  await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, '..', 'secret.txt'), 'outside the root').catch(() => {});
  host = await startWebHost({ handlers, staticDir: dir });
  const html = await (await fetch(host.url)).text();
  token = /name="fairsend-bridge" content="([^"]+)"/.exec(html)?.[1] ?? '';
});

afterEach(() => host.close());

function connect(options: { origin?: string; token?: string }): Promise<WebSocket> {
  const url = `${host.url.replace('http', 'ws')}bridge${options.token === undefined ? '' : `?token=${options.token}`}`;
  const ws = new WebSocket(url, { origin: options.origin ?? host.url.slice(0, -1) });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function request(ws: WebSocket, frame: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(JSON.stringify(frame));
  });
}

describe('browser-mode host', () => {
  it('serves the renderer with a per-run bridge token and a strict CSP', async () => {
    expect(token).toMatch(/^[\w-]{32}$/);
    const res = await fetch(host.url);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${host.url}assets/app.js`)).status).toBe(200);
  });

  it('lets the browser keep the hashed assets for good, never the page that carries the token', async () => {
    expect((await fetch(`${host.url}assets/app.js`)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(host.url)).headers.get('cache-control')).toBe('no-store');
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['../secret.txt', '%2e%2e/secret.txt', '..%2fsecret.txt', 'assets/../../secret.txt']) {
      const res = await fetch(`${host.url}${path}`);
      expect(res.status, path).toBe(404);
    }
  });

  it('answers a malformed path with 400 and keeps serving', async () => {
    expect((await fetch(`${host.url}%E0%A4%A`)).status).toBe(400);
    expect((await fetch(host.url)).status).toBe(200);
  });

  it('answers bridge calls from our page', async () => {
    const ws = await connect({ token });
    expect(await request(ws, { id: 1, channel: 'app.info', request: {} })).toMatchObject({
      id: 1,
      result: { ok: true, value: { version: '9.9.9', mode: 'browser' } },
    });
    expect(await request(ws, { id: 2, channel: 'nope', request: {} })).toMatchObject({
      id: 2,
      result: { ok: false, error: { code: 'unknown-channel' } },
    });
    ws.close();
  });

  it('refuses a socket from another origin, without the token, or with a wrong token', async () => {
    await expect(connect({ token, origin: 'https://evil.example' })).rejects.toThrow(/401/);
    await expect(connect({})).rejects.toThrow(/401/);
    await expect(connect({ token: 'x'.repeat(32) })).rejects.toThrow(/401/);
  });

  it('closes a socket that sends an oversized frame', async () => {
    const ws = await connect({ token });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(9 * 1024 * 1024));
    expect(await closed).toBe(1009);
  });
});
