import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../../shared/ipc/result';
import { retryAfterOf } from '../../oauth/http-call';
import { createSealedMemoryTokenStore } from '../../oauth/token-store';
import { createKeySealer } from '../../secrets/sealer';
import { createGmailTransport } from '../../send/transports/gmail-transport';
import { type GoogleStandin, startGoogleStandin } from '../../testing/google-standin';
import { consentingBrowser, idleBrowser } from '../../testing/oauth-browser';
import { connectGmail } from './gmail-connect';
import { GOOGLE_SIGNED_OUT } from './gmail-errors';
import type { GmailSettings } from './gmail-settings';

let google: GoogleStandin;
let store: ReturnType<typeof createSealedMemoryTokenStore>;
let settings: GmailSettings;
const CLIENT_SECRET = `gsecret-${randomBytes(8).toString('hex')}`;
/** every Result the clients returned, and every secret the stand-ins saw, across all tests */
const results: unknown[] = [];
const secrets = new Set<string>();
const seen = <T extends Result<unknown>>(result: T): T => {
  results.push(result);
  return result;
};

beforeEach(async () => {
  google = await startGoogleStandin({ clientSecret: CLIENT_SECRET });
  store = createSealedMemoryTokenStore(createKeySealer(randomBytes(32)));
  settings = {
    clientId: google.oauth.clientId,
    clientSecret: CLIENT_SECRET,
    endpoints: google.endpoints,
    timeoutMs: 3000,
  };
});
afterEach(async () => {
  for (const s of google.oauth.secretsSeen) secrets.add(s);
  await google.close();
});

const mime = (messageId: string) =>
  new MailComposer({
    from: '"Ana Rep" <ana@acme.test>',
    to: 'lead@example.test',
    subject: 'Quick question',
    text: 'Hello\n\nAcme Inc., 1 Main St\nUnsubscribe: https://team.acme.test/u/abc',
    messageId,
    headers: {
      'List-Unsubscribe': {
        prepared: true,
        value: '<https://team.acme.test/u/abc>, <mailto:unsub@acme.test?subject=u>',
      },
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  })
    .compile()
    .build();

async function connect(browser = consentingBrowser(), extra: { timeoutMs?: number } = {}) {
  return seen(
    await connectGmail({
      settings,
      tokenStore: store,
      mailboxId: 'mb1',
      openBrowser: browser.openBrowser,
      ...extra,
    }),
  );
}
const transport = () => createGmailTransport({ settings, tokenStore: store, mailboxId: 'mb1' });
const deliver = async (t: ReturnType<typeof transport>, raw: Buffer) =>
  seen(await t.deliver({ raw, from: 'ana@acme.test', to: ['lead@example.test'] }, async () => {}));

describe('Gmail connect (loopback + PKCE against the stand-in)', () => {
  it('signs in, learns the address and seals the refresh token', async () => {
    const browser = consentingBrowser();
    const result = await connect(browser);
    expect(result).toEqual({
      ok: true,
      value: { address: 'ana@acme.test', inboxCursor: expect.any(String) },
    });
    const authUrl = new URL(browser.opened[0] ?? '');
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('access_type')).toBe('offline');
    expect(authUrl.searchParams.get('scope')).toContain('gmail.send');
    expect(authUrl.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(await store.load('mb1')).toBe(google.oauth.refreshTokens[0]);
    const sealed = store.sealedSnapshot().get('mb1') ?? Buffer.alloc(0);
    expect(sealed.includes(Buffer.from(google.oauth.refreshTokens[0] ?? 'x'))).toBe(false);
    expect(browser.pages[0]?.body).toContain('You can close this tab');
  });

  it('is refused by Google when the code verifier does not match, and saves nothing', async () => {
    google.oauth.consent.tamperChallenge = true;
    const result = await connect();
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'auth-expired', message: 'Google did not accept this sign-in. Start again.' },
    });
    expect(await store.load('mb1')).toBeNull();
  });

  it('refuses a redirect whose state does not match, before any code exchange', async () => {
    google.oauth.consent.tamperState = true;
    const browser = consentingBrowser();
    // the listener answers the forged redirect with 400 and waits for the real one until the sign-in times out
    const result = await connect(browser, { timeoutMs: 800 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('did not match this request') },
    });
    expect(google.oauth.grants).toEqual([]);
    expect(await store.load('mb1')).toBeNull();
  });

  it('says so when the rep declines access', async () => {
    google.oauth.consent.decision = 'deny';
    expect(await connect()).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('not granted') },
    });
  });

  it('refuses a sign-in page that is neither HTTPS nor on this computer, without opening it', async () => {
    settings = {
      ...settings,
      endpoints: { ...google.endpoints, authBaseUrl: 'http://accounts.example.test/auth' },
    };
    const browser = consentingBrowser();
    expect(await connect(browser)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(browser.opened).toEqual([]);
  });

  it('gives up with a clear message when the rep does not finish in time', async () => {
    const result = await connect(idleBrowser(), { timeoutMs: 300 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'transient', message: expect.stringContaining('not finished within') },
    });
    expect(await store.load('mb1')).toBeNull();
  });
});

describe('Gmail transport', () => {
  beforeEach(async () => {
    expect((await connect()).ok).toBe(true);
  });

  it('delivers the exact bytes the gate built; List-Unsubscribe headers survive', async () => {
    const raw = await mime('<m1@acme.test>');
    const result = await deliver(transport(), raw);
    expect(result).toEqual({ ok: true, value: { providerId: expect.any(String) } });
    const received = google.sent()[0] ?? Buffer.alloc(0);
    expect(received.equals(raw)).toBe(true);
    const [sentMail, original] = await Promise.all([simpleParser(received), simpleParser(raw)]);
    expect(sentMail.headerLines).toEqual(original.headerLines);
    expect(sentMail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(sentMail.headers.get('list')).toMatchObject({
      unsubscribe: { url: 'https://team.acme.test/u/abc' },
    });
    expect(sentMail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toBe(
      'List-Unsubscribe: <https://team.acme.test/u/abc>, <mailto:unsub@acme.test?subject=u>',
    );
  });

  it('refreshes silently when Google expired the access token', async () => {
    const t = transport();
    expect((await deliver(t, await mime('<a@acme.test>'))).ok).toBe(true);
    google.oauth.expireAccessTokens();
    expect((await deliver(t, await mime('<b@acme.test>'))).ok).toBe(true);
    expect(google.oauth.grants.filter((g) => g === 'refresh_token').length).toBeGreaterThanOrEqual(2);
    expect(google.sent()).toHaveLength(2);
  });

  it('answers auth-expired for a revoked refresh token and changes nothing', async () => {
    const before = store.sealedSnapshot().get('mb1');
    google.oauth.revokeAll();
    google.oauth.expireAccessTokens();
    const result = await deliver(transport(), await mime('<c@acme.test>'));
    expect(result).toEqual({ ok: false, error: { code: 'auth-expired', message: GOOGLE_SIGNED_OUT } });
    expect(store.sealedSnapshot().get('mb1')).toBe(before);
    expect(google.sent()).toHaveLength(0);
  });

  it('passes on the wait Google asks for when rate-limited', async () => {
    google.failNext({ status: 429, retryAfter: '30' });
    const first = await deliver(transport(), await mime('<d@acme.test>'));
    expect(first).toMatchObject({
      ok: false,
      error: { code: 'rate-limited', message: expect.stringContaining('30 seconds') },
    });
    expect(first.ok ? null : retryAfterOf(first.error)).toBe(30_000);
    google.failNext({
      status: 403,
      body: { error: { code: 403, errors: [{ reason: 'userRateLimitExceeded' }] } },
    });
    expect(await deliver(transport(), await mime('<e@acme.test>'))).toMatchObject({
      ok: false,
      error: { code: 'rate-limited' },
    });
  });

  it('translates a refusal of the send (HTTP 400) into rejected-permanent: not sent', async () => {
    google.failNext({ status: 400 });
    const refused = await deliver(transport(), await mime('<f@acme.test>'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'rejected-permanent' } });
    expect(refused.ok || refused.error.mayHaveDelivered).toBeFalsy();
  });

  it.each([
    ['a 503 after the body', { status: 503, store: false }, 'server-error'],
    ['a 500 after Gmail stored it', { status: 500, store: true }, 'server-error'],
    ['a dropped connection', { drop: true, store: true }, 'connection-lost'],
  ] as const)('leaves the fate unknown after %s, and does not send again', async (_what, how, why) => {
    google.misbehaveNextSend(how);
    const result = await deliver(transport(), await mime('<u@acme.test>'));
    expect(result).toMatchObject({ ok: false, error: { mayHaveDelivered: why } });
    expect(google.sent()).toHaveLength(how.store ? 1 : 0);
  });

  it('ends a send Gmail never answers with a clear message, its fate unknown', async () => {
    google.misbehaveNextSend({ hang: true, store: false });
    const slow = createGmailTransport({
      settings: { ...settings, timeoutMs: 300 },
      tokenStore: store,
      mailboxId: 'mb1',
    });
    expect(await deliver(slow, await mime('<slow@acme.test>'))).toEqual({
      ok: false,
      error: {
        code: 'transient',
        message: 'Gmail did not answer after receiving the message, so it may or may not have gone out.',
        mayHaveDelivered: 'timed-out',
      },
    });
  });

  it('finds a sent message by Message-ID, and says when it is not there', async () => {
    const t = transport();
    const sent = await deliver(t, await mime('<found@acme.test>'));
    expect(seen(await t.findSent('<found@acme.test>'))).toEqual({
      ok: true,
      value: { found: true, providerId: sent.ok ? sent.value.providerId : '' },
    });
    expect(seen(await t.findSent('<missing@acme.test>'))).toEqual({ ok: true, value: { found: false } });
    expect(seen(await t.findSent('not a message id'))).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('reads new inbox mail as raw MIME, continuing from its cursor', async () => {
    const t = transport();
    const earlier = await mime('<reply1@example.test>');
    google.receive(earlier);
    const first = seen(await t.fetchInbox!());
    expect(first.ok && first.value.items.map((i) => i.raw.equals(earlier))).toEqual([true]);
    const later = await mime('<reply2@example.test>');
    const laterId = google.receive(later);
    await deliver(t, await mime('<not-inbox@acme.test>'));
    const next = seen(await t.fetchInbox!(first.ok ? first.value.cursor : ''));
    expect(next.ok && next.value.items).toEqual([{ providerId: laterId, raw: later }]);
    const none = seen(await t.fetchInbox!(next.ok ? next.value.cursor : ''));
    expect(none.ok && none.value.items).toEqual([]);
  });
});

// last in the file, so it sees what every test above collected
it('never puts a token, code verifier or client secret in a result or message', () => {
  const text = JSON.stringify(results);
  expect(results.length).toBeGreaterThan(20);
  expect(secrets.size).toBeGreaterThan(3);
  for (const secret of secrets) expect(text.includes(secret), 'a secret leaked into a result').toBe(false);
});
