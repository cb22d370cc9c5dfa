import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { ERROR_CODES } from '../../shared/ipc/result';
import { stubHandlers } from '../../shared/ipc/testing/stub-handlers';
import { startWebHost, type WebHost } from './server';
import {
  type BridgeAttempt,
  bridgeToken,
  exchange,
  fakeRendererDir,
  openBridge,
  rawGet,
  TOKEN_PATTERN,
  tryBridge,
} from './testing/host-client';

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
let port: number;
let origin: string;
let bridge: string;

beforeEach(async () => {
  host = await startWebHost({ handlers, staticDir: await fakeRendererDir() });
  origin = new URL(host.url).origin;
  port = Number(new URL(host.url).port);
  bridge = `ws://127.0.0.1:${port}/bridge`;
  token = await bridgeToken(host.url);
});

afterEach(() => host.close());

const attempt = (overrides: Partial<BridgeAttempt> = {}): BridgeAttempt => ({
  url: bridge,
  origin,
  token,
  ...overrides,
});

/** The host still answers a real call on a fresh socket. */
async function expectHostUp() {
  const ws = await openBridge(attempt());
  expect(await exchange(ws, JSON.stringify({ id: 7, channel: 'app.info', request: {} }))).toMatchObject({
    id: 7,
    result: { ok: true, value: { version: '9.9.9' } },
  });
  ws.close();
}

function expectErrorReply(reply: unknown, id: number | null) {
  expect(reply).toMatchObject({ id, result: { ok: false, error: { code: expect.any(String) } } });
  const { error } = (reply as { result: { error: { code: string; message: string } } }).result;
  expect(ERROR_CODES).toContain(error.code);
  expect(error.message).toMatch(/^[^\n]{1,200}$/);
}

describe('malformed frames', () => {
  let ws: WebSocket;
  beforeEach(async () => {
    ws = await openBridge(attempt());
  });
  afterEach(() => ws.close());

  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"app.info"'],
    ['true', 'true'],
    ['an array', '[1,"app.info",{}]'],
    ['an empty object', '{}'],
    ['a string id', '{"id":"1","channel":"app.info","request":{}}'],
    ['a fractional id', '{"id":1.5,"channel":"app.info","request":{}}'],
    ['a negative id', '{"id":-1,"channel":"app.info","request":{}}'],
    ['text that is not JSON', 'hello'],
    ['an empty frame', ''],
  ])('%s gets an error reply without an id, and the host stays up', async (_name, frame) => {
    expectErrorReply(await exchange(ws, frame), null);
    // the same socket still works
    expect(await exchange(ws, JSON.stringify({ id: 1, channel: 'app.info', request: {} }))).toMatchObject({
      id: 1,
      result: { ok: true },
    });
  });

  it.each([
    ['no channel', '{"id":3,"request":{}}'],
    ['a numeric channel', '{"id":3,"channel":5,"request":{}}'],
    ['no request', '{"id":3,"channel":"app.info"}'],
    ['a null request', '{"id":3,"channel":"app.info","request":null}'],
    ['a prototype channel', '{"id":3,"channel":"__proto__","request":{}}'],
  ])('a frame with %s gets an error reply carrying its id', async (_name, frame) => {
    expectErrorReply(await exchange(ws, frame), 3);
    await expectHostUp();
  });

  it('a binary frame gets an error reply', async () => {
    expectErrorReply(await exchange(ws, Buffer.from('{"id":1,"channel":"app.info","request":{}}')), null);
    await expectHostUp();
  });
});

describe('tokens', () => {
  it('refuses tokens of the right length in characters but not in bytes, and stays up', async () => {
    expect(await tryBridge(attempt())).toBe('open'); // the control
    for (const odd of [
      'é'.repeat(token.length),
      '😀'.repeat(token.length / 2),
      `${token.slice(0, -1)}é`,
      '\u0000'.repeat(token.length),
      '',
      token.repeat(100),
      `${token}\r\n`,
    ]) {
      expect(await tryBridge(attempt({ token: odd })), JSON.stringify(odd.slice(0, 40))).toBe(401);
    }
    await expectHostUp();
  });
});

describe('the Host header (DNS-rebinding defence)', () => {
  it('serves the page with the token at 127.0.0.1:PORT and localhost:PORT', async () => {
    for (const name of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const res = await rawGet(port, '/', name);
      expect(res.status, name).toBe(200);
      expect(TOKEN_PATTERN.exec(res.body)?.[1], name).toBe(token);
    }
  });

  it('refuses every other Host with a short plain message and never the token', async () => {
    for (const name of [
      `evil.example:${port}`,
      'evil.example',
      `127.0.0.1:${port}.evil.example`,
      `localhost.evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
      'localhost',
      `[::1]:${port}`,
      `0.0.0.0:${port}`,
      `127.0.0.2:${port}`,
      `LOCALHOST:${port}x`,
      '',
    ]) {
      for (const path of ['/', '/index.html', '/assets/app.js']) {
        const res = await rawGet(port, path, name);
        expect([421, 403], `${name} ${path}`).toContain(res.status);
        expect(res.body).not.toContain(token);
        expect(res.body.length).toBeLessThan(200);
        expect(String(res.headers['content-type'])).toMatch(/^text\/plain/);
      }
    }
    // No Host at all: Node refuses it before the host sees it (400); either way, no token.
    const none = await rawGet(port, '/', null);
    expect([400, 421, 403]).toContain(none.status);
    expect(none.body).not.toContain(token);
    expect((await rawGet(port, '/', `127.0.0.1:${port}`)).status).toBe(200);
  });

  it('refuses the bridge upgrade under another Host, even with our Origin and the token', async () => {
    for (const name of [`evil.example:${port}`, `127.0.0.1:${port}.evil.example`, '127.0.0.1']) {
      expect([421, 403], name).toContain(await tryBridge(attempt({ host: name })));
    }
    await expectHostUp();
  });

  it('lets the page served at localhost:PORT connect from its own origin', async () => {
    const local = `http://localhost:${port}`;
    expect(await tryBridge(attempt({ origin: local, host: `localhost:${port}` }))).toBe('open');
    // a localhost origin over another Host, or a foreign origin over ours, stays out
    expect(
      await tryBridge(attempt({ origin: `http://localhost:${port + 1}`, host: `localhost:${port}` })),
    ).toBe(401);
  });
});
