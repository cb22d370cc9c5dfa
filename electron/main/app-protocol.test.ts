import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  contentTypeFor,
  createRendererHandler,
  rendererFileFor,
  rendererLocation,
} from './app-protocol';

const root = '/opt/fairsend/out/renderer';

describe('rendererFileFor', () => {
  it.each([
    ['app://fairsend/', `${root}/index.html`],
    ['app://fairsend/index.html', `${root}/index.html`],
    ['app://fairsend/index.html?x=1#/leads', `${root}/index.html`],
    ['app://fairsend/assets/index-abc.js', `${root}/assets/index-abc.js`],
    ['app://fairsend/assets/a%20b.css', `${root}/assets/a b.css`],
    // the URL parser resolves plain dot segments before we see them: they end up inside the folder
    ['app://fairsend/../../etc/passwd', `${root}/etc/passwd`],
    ['app://fairsend/%2e%2e/%2E%2E/etc/passwd', `${root}/etc/passwd`],
    ['app://fairsend/.%2e/x', `${root}/x`],
  ])('%s → %s', (url, file) => {
    expect(rendererFileFor(url, root)).toEqual({ ok: true, file });
  });

  it.each([
    ['app://fairsend/..%2F..%2Fetc%2Fpasswd', 400],
    ['app://fairsend/assets/..%2f..%2f..%2fetc/passwd', 400],
    ['app://fairsend/..%5C..%5Cwindows%5Cwin.ini', 400],
    ['app://fairsend/a\\..\\..\\etc\\passwd', 400],
    ['app://fairsend/C:%5Cwindows', 400],
    ['app://fairsend/C:/windows/win.ini', 400],
    ['app://fairsend/index.html%00.png', 400],
    ['app://fairsend/%E0%A4%A', 400],
    ['app://other/index.html', 404],
    ['app://user@fairsend/index.html', 404],
    ['file:///etc/passwd', 404],
    ['https://fairsend/index.html', 404],
    ['not a url', 400],
  ])('refuses %s with %i', (url, status) => {
    expect(rendererFileFor(url, root)).toEqual({ ok: false, status });
  });

  it('names a type for every file the build emits', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/favicon.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/blob')).toBe('application/octet-stream');
  });
});

describe('rendererLocation', () => {
  it('loads the app protocol unless an unpackaged build names a loopback dev server', () => {
    const built = { url: APP_ENTRY_URL, origin: APP_ORIGIN };
    expect(rendererLocation({ packaged: true })).toEqual(built);
    expect(rendererLocation({ packaged: false })).toEqual(built);
    expect(rendererLocation({ packaged: false, devServerUrl: 'http://localhost:5173/' })).toEqual({
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
    // a packaged app never takes its page from the environment
    expect(rendererLocation({ packaged: true, devServerUrl: 'http://localhost:5173/' })).toEqual(built);
    expect(rendererLocation({ packaged: false, devServerUrl: 'https://evil.example/' })).toEqual(built);
    expect(rendererLocation({ packaged: false, devServerUrl: 'http://127.0.0.1.evil.test:80/' })).toEqual(
      built,
    );
    expect(rendererLocation({ packaged: false, devServerUrl: 'file:///tmp/x.html' })).toEqual(built);
  });
});

describe('the renderer handler, over a real folder', () => {
  let dir: string;
  let handle: (request: Request) => Promise<Response>;
  beforeAll(async () => {
    const base = await mkdtemp(join(tmpdir(), 'fairsend-protocol-'));
    dir = join(base, 'renderer');
    await mkdir(join(dir, 'assets'), { recursive: true });
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Fairsend</title>');
    await writeFile(join(dir, 'assets', 'index.js'), 'console.log(1)');
    // a file next to the renderer folder, which traversal would reach
    await writeFile(join(base, 'secret.txt'), 'not for the page');
    handle = createRendererHandler(dir);
  });

  it('serves the page with its type and the CSP header', async () => {
    const page = await handle(new Request('app://fairsend/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('<title>Fairsend</title>');
    const script = await handle(new Request('app://fairsend/assets/index.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(script.headers.get('content-security-policy')).toBeNull();
  });

  it('never serves a file outside the folder, and answers what is missing with 404', async () => {
    for (const url of [
      'app://fairsend/..%2Fsecret.txt',
      'app://fairsend/assets/..%2F..%2Fsecret.txt',
      'app://fairsend/../secret.txt',
    ]) {
      const response = await handle(new Request(url));
      expect(response.status, url).not.toBe(200);
      expect(await response.text()).not.toContain('not for the page');
    }
    expect((await handle(new Request('app://fairsend/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://fairsend/assets/'))).status).toBe(404);
  });

  it('answers only GET and HEAD', async () => {
    expect(
      (await handle(new Request('app://fairsend/index.html', { method: 'POST', body: 'x' }))).status,
    ).toBe(405);
    const head = await handle(new Request('app://fairsend/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
