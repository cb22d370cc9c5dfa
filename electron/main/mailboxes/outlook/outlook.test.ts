import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../../shared/ipc/result';
import { retryAfterOf } from '../../oauth/http-call';
import { createSealedMemoryTokenStore } from '../../oauth/token-store';
import { createKeySealer } from '../../secrets/sealer';
import { createGraphTransport } from '../../send/transports/graph-transport';
import { type MicrosoftStandin, startMicrosoftStandin } from '../../testing/microsoft-standin';
import { consentingBrowser, idleBrowser } from '../../testing/oauth-browser';
import { selfSignedCertificate, trustCertificateForTests } from '../../testing/self-signed';
import { connectOutlook } from './outlook-connect';
import { MICROSOFT_SIGNED_OUT } from './outlook-errors';
import type { OutlookSettings } from './outlook-settings';

const tls = selfSignedCertificate();
let untrust: () => void;
let microsoft: MicrosoftStandin;
let store: ReturnType<typeof createSealedMemoryTokenStore>;
let settings: OutlookSettings;
const results: unknown[] = [];
const secrets = new Set<string>();
const seen = <T extends Result<unknown>>(result: T): T => {
  results.push(result);
  return result;
};

beforeAll(() => {
  untrust = trustCertificateForTests(tls.cert);
});
beforeEach(async () => {
  microsoft = await startMicrosoftStandin({ tls });
  store = createSealedMemoryTokenStore(createKeySealer(randomBytes(32)));
  settings = {
    clientId: microsoft.oauth.clientId,
    authority: microsoft.authority,
    graphBaseUrl: microsoft.graphBaseUrl,
    timeoutMs: 3000,
  };
});
afterEach(async () => {
  for (const s of microsoft.oauth.secretsSeen) secrets.add(s);
  await microsoft.close();
});

const mime = (messageId: string) =>
  new MailComposer({
    from: '"Ana Rep" <ana@contoso.test>',
    to: 'lead@example.test',
    subject: 'Quick question',
    text: 'Hello\n\nContoso Ltd., 1 Main St\nUnsubscribe: https://team.contoso.test/u/abc',
    messageId,
    headers: {
      'List-Unsubscribe': {
        prepared: true,
        value: '<https://team.contoso.test/u/abc>, <mailto:unsub@contoso.test?subject=u>',
      },
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  })
    .compile()
    .build();

async function connect(browser = consentingBrowser(), extra: { timeoutMs?: number } = {}) {
  return seen(
    await connectOutlook({
      settings,
      tokenStore: store,
      mailboxId: 'mb1',
      openBrowser: browser.openBrowser,
      ...extra,
    }),
  );
}
const transport = () => createGraphTransport({ settings, tokenStore: store, mailboxId: 'mb1' });
const deliver = async (t: ReturnType<typeof transport>, raw: Buffer) =>
  seen(await t.deliver({ raw, from: 'ana@contoso.test', to: ['lead@example.test'] }, async () => {}));

describe('Outlook connect (msal + loopback + PKCE against the stand-in)', () => {
  it('signs in, learns the address and seals msal’s token cache', async () => {
    const browser = consentingBrowser();
    expect(await connect(browser)).toEqual({ ok: true, value: { address: 'ana@contoso.test' } });
    const authUrl = new URL(browser.opened[0] ?? '');
    expect(authUrl.origin + authUrl.pathname).toBe(`${microsoft.authority}/oauth2/v2.0/authorize`);
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('scope')).toContain('Mail.Send');
    expect(authUrl.searchParams.get('scope')).toContain('offline_access');
    const cache = JSON.parse((await store.load('mb1')) ?? '{}') as {
      RefreshToken?: Record<string, { secret: string }>;
    };
    expect(Object.values(cache.RefreshToken ?? {}).map((t) => t.secret)).toEqual(
      microsoft.oauth.refreshTokens,
    );
    const sealed = store.sealedSnapshot().get('mb1') ?? Buffer.alloc(0);
    expect(sealed.includes(Buffer.from(microsoft.oauth.refreshTokens[0] ?? 'x'))).toBe(false);
    expect(browser.pages[0]?.body).toContain('You can close this tab');
  });

  it('is refused when the code verifier does not match, and saves nothing', async () => {
    microsoft.oauth.consent.tamperChallenge = true;
    expect(await connect()).toMatchObject({
      ok: false,
      error: { code: 'auth-expired', message: 'Microsoft did not accept this sign-in. Start again.' },
    });
    expect(await store.load('mb1')).toBeNull();
  });

  it('refuses a redirect whose state does not match, before any code exchange', async () => {
    microsoft.oauth.consent.tamperState = true;
    // the listener answers the forged redirect with 400 and waits for the real one until the sign-in times out
    expect(await connect(consentingBrowser(), { timeoutMs: 800 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('did not match this request') },
    });
    expect(microsoft.oauth.grants).toEqual([]);
    expect(await store.load('mb1')).toBeNull();
  });

  it('refuses an authority msal cannot trust (plain http), without opening the browser', async () => {
    settings = { ...settings, authority: microsoft.authority.replace('https:', 'http:') };
    const browser = consentingBrowser();
    expect(await connect(browser)).toMatchObject({
      ok: false,
      error: { code: 'rejected-permanent', message: expect.stringContaining('(https)') },
    });
    expect(browser.opened).toEqual([]);
    expect(await store.load('mb1')).toBeNull();
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

describe('Graph transport', () => {
  beforeEach(async () => {
    expect((await connect()).ok).toBe(true);
  });

  it('delivers the exact bytes the gate built as MIME; List-Unsubscribe headers survive', async () => {
    const raw = await mime('<m1@contoso.test>');
    expect(await deliver(transport(), raw)).toEqual({ ok: true, value: { providerId: '<m1@contoso.test>' } });
    const received = microsoft.sent()[0] ?? Buffer.alloc(0);
    expect(received.equals(raw)).toBe(true);
    const [sentMail, original] = await Promise.all([simpleParser(received), simpleParser(raw)]);
    expect(sentMail.headerLines).toEqual(original.headerLines);
    expect(sentMail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(sentMail.headers.get('list')).toMatchObject({
      unsubscribe: { url: 'https://team.contoso.test/u/abc' },
    });
  });

  it('refreshes silently: when the token is near expiry, and when Graph says it expired', async () => {
    const t = transport();
    const refreshes = () => microsoft.oauth.grants.filter((g) => g === 'refresh_token').length;
    expect((await deliver(t, await mime('<a@contoso.test>'))).ok).toBe(true);
    expect(refreshes()).toBe(0); // the token from sign-in is still good
    microsoft.oauth.expireAccessTokens(); // Graph now answers 401 to it
    microsoft.oauth.accessTokenLifetimeSec = 60; // the next one falls inside msal's 5-minute renewal window
    const cacheBefore = await store.load('mb1');
    expect((await deliver(t, await mime('<b@contoso.test>'))).ok).toBe(true);
    expect(refreshes()).toBe(1);
    expect(await store.load('mb1')).not.toBe(cacheBefore); // the rotated refresh token was sealed back
    expect((await deliver(t, await mime('<c@contoso.test>'))).ok).toBe(true);
    expect(refreshes()).toBe(2);
    expect(microsoft.sent()).toHaveLength(3);
  });

  it('answers auth-expired for a revoked refresh token and changes nothing', async () => {
    microsoft.oauth.revokeAll();
    microsoft.oauth.expireAccessTokens();
    const before = store.sealedSnapshot().get('mb1');
    const result = await deliver(transport(), await mime('<c@contoso.test>'));
    expect(result).toEqual({ ok: false, error: { code: 'auth-expired', message: MICROSOFT_SIGNED_OUT } });
    expect(store.sealedSnapshot().get('mb1')).toBe(before);
    expect(microsoft.sent()).toHaveLength(0);
  });

  it('passes on the wait Microsoft asks for when throttled', async () => {
    microsoft.failNext({ status: 429, retryAfter: '12', body: { error: { code: 'ApplicationThrottled' } } });
    const first = await deliver(transport(), await mime('<d@contoso.test>'));
    expect(first).toMatchObject({
      ok: false,
      error: { code: 'rate-limited', message: expect.stringContaining('12 seconds') },
    });
    expect(first.ok ? null : retryAfterOf(first.error)).toBe(12_000);
    // a 503 to a send may have been processed (Graph queues sendMail): its fate is unknown, whatever it asks
    microsoft.failNext({ status: 503, retryAfter: '5' });
    expect(await deliver(transport(), await mime('<e@contoso.test>'))).toMatchObject({
      ok: false,
      error: { mayHaveDelivered: 'server-error' },
    });
  });

  it.each([
    [500, { mayHaveDelivered: 'server-error' }],
    [400, { code: 'rejected-permanent' }],
  ])('translates HTTP %i after the body into %o', async (status, error) => {
    microsoft.failNext({ status });
    expect(await deliver(transport(), await mime('<f@contoso.test>'))).toMatchObject({ ok: false, error });
  });

  it('a dropped connection after Graph stored the message is unknown, and is not sent again', async () => {
    microsoft.misbehaveNextSend({ drop: true, store: true });
    const result = await deliver(transport(), await mime('<g@contoso.test>'));
    expect(result).toMatchObject({ ok: false, error: { mayHaveDelivered: 'connection-lost' } });
    expect(microsoft.sent()).toHaveLength(1);
  });

  it('ends a send Graph never answers with a clear message, its fate unknown', async () => {
    microsoft.misbehaveNextSend({ hang: true, store: false });
    const slow = createGraphTransport({
      settings: { ...settings, timeoutMs: 300 },
      tokenStore: store,
      mailboxId: 'mb1',
    });
    expect(await deliver(slow, await mime('<slow@contoso.test>'))).toEqual({
      ok: false,
      error: {
        code: 'transient',
        message: 'Outlook did not answer after receiving the message, so it may or may not have gone out.',
        mayHaveDelivered: 'timed-out',
      },
    });
  });

  it('finds a sent message by Message-ID, and says when it is not there', async () => {
    const t = transport();
    await deliver(t, await mime("<o'brien.1@contoso.test>"));
    expect(seen(await t.findSent("<o'brien.1@contoso.test>"))).toEqual({
      ok: true,
      value: { found: true, providerId: microsoft.messages[0]?.id },
    });
    expect(seen(await t.findSent('<missing@contoso.test>'))).toEqual({ ok: true, value: { found: false } });
  });

  it('reads new inbox mail as raw MIME through delta, following pages, continuing from its cursor', async () => {
    microsoft.pageSize = 1;
    const t = transport();
    const early = [await mime('<r1@example.test>'), await mime('<r2@example.test>')];
    const earlyIds = early.map((raw) => microsoft.receive(raw));
    const first = seen(await t.fetchInbox!());
    expect(first.ok && first.value.items).toEqual(
      earlyIds.map((providerId, i) => ({ providerId, raw: early[i] })),
    );
    const later = await mime('<r3@example.test>');
    const laterId = microsoft.receive(later);
    const next = seen(await t.fetchInbox!(first.ok ? first.value.cursor : ''));
    expect(next.ok && next.value.items).toEqual([{ providerId: laterId, raw: later }]);
    expect(seen(await t.fetchInbox!('https://evil.test/v1.0/delta'))).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});

// last in the file, so it sees what every test above collected
it('never puts a token, code verifier or client secret in a result or message', () => {
  const text = JSON.stringify(results);
  expect(results.length).toBeGreaterThan(20);
  expect(secrets.size).toBeGreaterThan(3);
  for (const secret of secrets) expect(text.includes(secret), 'a secret leaked into a result').toBe(false);
});

afterAll(() => untrust());
