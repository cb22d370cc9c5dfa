import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import { expect, test } from './fixtures';

// Each area and a word its screen's heading carries, whatever the screen holds (empty state or content).
const AREAS = [
  ['Leads', /lead/i],
  ['Sequences', /sequence/i],
  ['Outbox', /outbox|sent/i],
  ['Mailboxes', /mailbox/i],
  ['Suppression', /suppress/i],
  ['Team', /team/i],
  ['Settings', /settings/i],
] as const;

test('the app loads with its navigation', async ({ page }) => {
  await expect(page).toHaveTitle('Fairsend');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
});

test('every nav area shows its screen', async ({ page }) => {
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [label, heading] of AREAS) {
    const link = nav.getByRole('link', { name: label, exact: true });
    await link.click();
    await expect(link).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveURL(new RegExp(`#/${label.toLowerCase()}$`));
    await expect(page.getByRole('main').getByRole('heading', { name: heading }).first()).toBeVisible();
  }
});

test('the theme toggle switches light and dark and survives a reload', async ({ page }) => {
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', /^(light|dark)$/);
  const before = await html.getAttribute('data-theme');
  const after = before === 'dark' ? 'light' : 'dark';
  await page.getByRole('button', { name: `Switch to ${after} theme` }).click();
  await expect(html).toHaveAttribute('data-theme', after);
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', after);
  await page.getByRole('button', { name: `Switch to ${before} theme` }).click();
  await expect(html).toHaveAttribute('data-theme', before ?? 'light');
});

test('Tab from the top reaches the skip link, then the navigation', async ({ page }) => {
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  // Off-screen until focused, then on screen for sighted keyboard users.
  expect((await skip.boundingBox())?.x ?? -1).toBeGreaterThanOrEqual(0);
  await page.keyboard.press('Tab');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }),
  ).toBeFocused();
});

test('Settings shows the version and browser mode, read over the bridge', async ({ page, host }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('app-version')).toHaveText(host.version);
  await expect(page.getByTestId('app-mode')).toHaveText(/Browser mode/);
});

test.describe('security invariants of the web host', () => {
  /** The per-run bridge token the host writes into the page it serves. */
  async function bridgeToken(url: string): Promise<string> {
    const html = await (await fetch(url)).text();
    const token = /<meta name="fairsend-bridge" content="([^"]+)">/.exec(html)?.[1];
    expect(token).toBeTruthy();
    return token ?? '';
  }

  /** Opens a WebSocket and reports whether the host accepted it. */
  function tryBridge(url: string, origin: string): Promise<'open' | number | 'error'> {
    return new Promise((resolve) => {
      const ws = new WebSocket(url, { origin });
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

  /** A raw GET, so `..` and `%2e%2e` reach the server as written (fetch and browsers would normalise them). */
  function rawGet(origin: string, path: string): Promise<{ status: number; body: string }> {
    const { hostname, port } = new URL(origin);
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: hostname, port, path, method: 'GET' }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  test('the bridge refuses a foreign Origin and a missing or wrong token', async ({ host }) => {
    const token = await bridgeToken(host.url);
    const bridge = `${host.origin.replace('http', 'ws')}/bridge`;
    // The control: our origin with the token gets in, so the refusals below are about Origin and token.
    expect(await tryBridge(`${bridge}?token=${token}`, host.origin)).toBe('open');
    expect(await tryBridge(`${bridge}?token=${token}`, 'http://evil.example')).toBe(401);
    expect(await tryBridge(`${bridge}?token=${token}`, 'http://127.0.0.1:1')).toBe(401);
    expect(await tryBridge(bridge, host.origin)).toBe(401);
    expect(await tryBridge(`${bridge}?token=${'x'.repeat(token.length)}`, host.origin)).toBe(401);
  });

  test('the page is served with a strict Content-Security-Policy', async ({ page, host }) => {
    const response = await page.goto(host.url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  });

  test('paths outside out/renderer are not served', async ({ host }) => {
    expect((await rawGet(host.origin, '/index.html')).status).toBe(200);
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2e%2e%2fpackage.json',
      '/..%2fpackage.json',
      '/..%2f..%2fpackage.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/%2e%2e%5c%2e%2e%5cpackage.json',
      '/..%00/package.json',
    ]) {
      const { status, body } = await rawGet(host.origin, path);
      expect({ path, status }).toEqual({ path, status: 404 });
      expect(body).not.toContain('"devDependencies"');
    }
    // A malformed escape is a bad request, not a crash: the host keeps serving.
    expect((await rawGet(host.origin, '/%ZZ')).status).toBe(400);
    expect((await rawGet(host.origin, '/')).status).toBe(200);
  });
});
