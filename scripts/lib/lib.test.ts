import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from './chromium.mjs';
import { findElectronBinary, hasDisplay } from './electron.mjs';
import { probePostgres } from './postgres.mjs';
import { playwrightCounts, vitestCounts } from './reports.mjs';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fairsend-scripts-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('findElectronBinary', () => {
  it('reports a missing binary without downloading it', async () => {
    const root = join(dir, 'no-binary');
    await mkdir(join(root, 'node_modules', 'electron'), { recursive: true });
    const found = findElectronBinary(root, {});
    expect(found).toEqual({
      ok: false,
      reason: 'Electron binary not installed (no download on this machine)',
    });
  });

  it('finds the binary named by path.txt under dist/', async () => {
    const root = join(dir, 'with-binary');
    const pkg = join(root, 'node_modules', 'electron');
    await mkdir(join(pkg, 'dist'), { recursive: true });
    await writeFile(join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary(root, {}).ok).toBe(false);
    await writeFile(join(pkg, 'dist', 'electron'), '');
    expect(findElectronBinary(root, {})).toEqual({ ok: true, path: join(pkg, 'dist', 'electron') });
  });
});

describe('hasDisplay', () => {
  it('needs X11 or Wayland on Linux, and nothing on macOS or Windows', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
    expect(hasDisplay({}, 'win32')).toBe(true);
  });
});

describe('findChromium', () => {
  it('prefers FAIRSEND_CHROMIUM, and refuses one that is not executable', async () => {
    const browser = join(dir, 'my-chromium');
    await writeFile(browser, '#!/bin/sh\n');
    expect(findChromium({ FAIRSEND_CHROMIUM: browser })).toBeNull();
    await chmod(browser, 0o755);
    expect(findChromium({ FAIRSEND_CHROMIUM: browser })).toBe(browser);
  });
});

describe('report counts', () => {
  it('reads vitest JSON, counting a file that failed to load', () => {
    const report = {
      numPassedTests: 7,
      numFailedTests: 1,
      testResults: [
        { status: 'passed', assertionResults: [{}] },
        { status: 'failed', assertionResults: [] },
      ],
    };
    expect(vitestCounts(report)).toEqual({ passed: 7, failed: 2 });
  });

  it('reads Playwright JSON, counting flaky as passed and top-level errors as a failure', () => {
    expect(
      playwrightCounts({ stats: { expected: 5, unexpected: 1, flaky: 1, skipped: 2 }, errors: [] }),
    ).toEqual({
      passed: 6,
      failed: 1,
    });
    expect(playwrightCounts({ stats: { expected: 0, unexpected: 0 }, errors: [{ message: 'x' }] })).toEqual({
      passed: 0,
      failed: 1,
    });
  });
});

describe('probePostgres', () => {
  function listen(
    onData: (socket: import('node:net').Socket) => void,
  ): Promise<{ server: Server; port: number }> {
    const server = createServer((socket) => socket.once('data', () => onData(socket)));
    return new Promise((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
      }),
    );
  }

  it('accepts a server that answers the SSLRequest as PostgreSQL does', async () => {
    const { server, port } = await listen((socket) => socket.end(Buffer.from('N')));
    expect(await probePostgres({ port })).toBe(true);
    server.close();
  });

  it('rejects another service on the port, and a closed port', async () => {
    const { server, port } = await listen((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    expect(await probePostgres({ port })).toBe(false);
    server.close();
    expect(await probePostgres({ port, timeoutMs: 500 })).toBe(false);
  });
});
