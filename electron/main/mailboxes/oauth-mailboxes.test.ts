import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKeySealer } from '../secrets/sealer';
import { createOAuthSettingsStore } from '../settings/oauth-settings';
import { type GoogleStandin, startGoogleStandin } from '../testing/google-standin';
import { type MicrosoftStandin, startMicrosoftStandin } from '../testing/microsoft-standin';
import { consentingBrowser, type FakeBrowser, idleBrowser } from '../testing/oauth-browser';
import { selfSignedCertificate, trustCertificateForTests } from '../testing/self-signed';
import { createFileStore } from '../vault/file-store';
import { createVault } from '../vault/vault';
import { GOOGLE_SIGNED_OUT } from './gmail/gmail-errors';
import { createMailboxService, type MailboxService } from './mailbox-service';
import { createMailboxFileStore } from './mailbox-store';
import { MICROSOFT_SIGNED_OUT } from './outlook/outlook-errors';

// Gmail and Outlook mailboxes through the mailbox service, against the local stand-ins: sign-in, sending,
// silent refresh, a revoked token shown on the mailbox, reconnect, disconnect; and nothing saved on failure.

const tls = selfSignedCertificate();
let untrust: () => void;
let google: GoogleStandin;
let microsoft: MicrosoftStandin;
const CLIENT_SECRET = 'gsecret-service-test';

beforeAll(async () => {
  untrust = trustCertificateForTests(tls.cert);
  google = await startGoogleStandin({ clientSecret: CLIENT_SECRET });
  microsoft = await startMicrosoftStandin({ tls });
});
afterAll(async () => {
  untrust();
  await Promise.all([google.close(), microsoft.close()]);
});

let service: MailboxService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
  for (const o of [google.oauth, microsoft.oauth]) Object.assign(o.consent, CONSENT);
});
const CONSENT = { decision: 'grant', tamperState: false, tamperChallenge: false } as const;

async function setup(
  options: { browser?: FakeBrowser | null; keyring?: boolean; timeoutMs?: number; googleAuth?: string } = {},
) {
  const dir = await mkdtemp(join(tmpdir(), 'fairsend-oauth-mb-'));
  const vault = createVault(
    createFileStore(join(dir, 'secrets.json')),
    options.keyring === false ? null : createKeySealer(Buffer.alloc(32, 4)),
    'No keyring is running.',
  );
  const settings = createOAuthSettingsStore(
    join(dir, 'oauth.json'),
    createVault(createFileStore(join(dir, 's2.json')), createKeySealer(Buffer.alloc(32, 6))),
    {
      google: { ...google.endpoints, ...(options.googleAuth ? { authBaseUrl: options.googleAuth } : {}) },
      microsoft: { loginBaseUrl: microsoft.graphBaseUrl, graphBaseUrl: microsoft.graphBaseUrl },
    },
  );
  await settings.set({
    google: { clientId: google.oauth.clientId, clientSecret: CLIENT_SECRET },
    microsoft: { clientId: microsoft.oauth.clientId, tenant: 'organizations' },
  });
  const store = createMailboxFileStore(join(dir, 'mailboxes.json'));
  const browser = options.browser === undefined ? consentingBrowser() : options.browser;
  let n = 0;
  service = createMailboxService({
    store,
    vault,
    now: () => 1_700_000_000_000,
    newId: () => `id${++n}`,
    oauth: settings,
    ...(browser ? { openSignInPage: browser.openBrowser } : {}),
    ...(options.timeoutMs ? { signInTimeoutMs: options.timeoutMs } : {}),
  });
  return { service, vault, store, browser };
}

const KINDS = [
  {
    kind: 'gmail' as const,
    standin: () => google,
    address: 'ana@acme.test',
    provider: 'google-workspace',
    signedOut: GOOGLE_SIGNED_OUT,
  },
  {
    kind: 'outlook' as const,
    standin: () => microsoft,
    address: 'ana@contoso.test',
    provider: 'microsoft-365',
    signedOut: MICROSOFT_SIGNED_OUT,
  },
];

const message = (from: string, id: string) =>
  new MailComposer({ from, to: 'lead@example.test', subject: 'Hi', text: 'Hello', messageId: `<${id}@t>` })
    .compile()
    .build();

describe.each(KINDS)('$kind mailboxes through the mailbox service', ({ kind, standin, address, ...want }) => {
  async function connect(svc: MailboxService, reconnectId?: string) {
    const start = await svc.connectOAuth(kind, reconnectId);
    return { start, info: await svc.finishOAuth(start.flowId) };
  }
  const send = async (svc: MailboxService, id: string, n: string) =>
    (await svc.transportFor(id)).deliver(
      { raw: await message(address, n), from: address, to: ['lead@example.test'] },
      async () => {},
    );

  it('connects through the system browser, seals the token and sends; refreshes an expired access token', async () => {
    const { service, vault } = await setup();
    const { start, info } = await connect(service);
    expect(start.openedBySystem).toBe(true);
    expect(info).toMatchObject({ kind, address, provider: want.provider, lastError: null });
    expect(service.list()).toEqual([info]);
    const sealed = await vault.take(`mailbox:${info.id}:oauth`);
    expect(sealed).toContain(standin().oauth.refreshTokens.at(-1));
    const before = standin().sent().length;
    expect(await send(service, info.id, 'a')).toMatchObject({ ok: true });
    standin().oauth.expireAccessTokens();
    expect(await send(service, info.id, 'b')).toMatchObject({ ok: true });
    expect(standin().sent().length).toBe(before + 2);
    expect(standin().oauth.grants).toContain('refresh_token');
    expect(await service.test(info.id)).toMatchObject({ lastError: null });
  });

  it('in browser mode hands the sign-in URL to the page, which opens it', async () => {
    const { service } = await setup({ browser: null });
    const start = await service.connectOAuth(kind);
    expect(start.openedBySystem).toBe(false);
    expect(new URL(start.authorizationUrl).searchParams.get('code_challenge_method')).toBe('S256');
    await consentingBrowser().openBrowser(start.authorizationUrl); // the rep clicks the link
    expect(await service.finishOAuth(start.flowId)).toMatchObject({ kind, address });
    await expect(service.finishOAuth(start.flowId)).rejects.toMatchObject({ code: 'not-found' });
  });

  it.each([
    ['a forged redirect (state mismatch)', { tamperState: true }, 'forbidden', /did not match/],
    ['a code verifier the provider refuses', { tamperChallenge: true }, 'auth-expired', /did not accept/],
    ['declined consent', { decision: 'deny' }, 'forbidden', /not granted/],
  ] as const)('saves nothing after %s', async (_name, consent, code, text) => {
    // a forged redirect gets a 400 and the sign-in waits for the real one until it times out
    const { service, vault } = await setup('tamperState' in consent ? { timeoutMs: 800 } : {});
    Object.assign(standin().oauth.consent, consent);
    const start = await service.connectOAuth(kind);
    await expect(service.finishOAuth(start.flowId)).rejects.toMatchObject({
      code,
      message: expect.stringMatching(text),
    });
    expect(service.list()).toEqual([]);
    expect(await vault.revealAllForTests?.()).toEqual([]);
  });

  it('gives up with a clear message when the rep never finishes, and saves nothing', async () => {
    const { service, vault } = await setup({ browser: idleBrowser(), timeoutMs: 300 });
    const start = await service.connectOAuth(kind);
    await expect(service.finishOAuth(start.flowId)).rejects.toMatchObject({
      code: 'transient',
      message: expect.stringContaining('not finished within'),
    });
    expect(service.list()).toEqual([]);
    expect(await vault.revealAllForTests?.()).toEqual([]);
  });

  it('refuses to start without a keyring, before any browser opens', async () => {
    const browser = consentingBrowser();
    const { service } = await setup({ keyring: false, browser });
    await expect(service.connectOAuth(kind)).rejects.toMatchObject({ code: 'unavailable' });
    expect(browser.opened).toEqual([]);
  });

  it('shows a revoked token on the mailbox, fails sends clearly, and a reconnect heals it; disconnect wipes it', async () => {
    const { service, vault } = await setup();
    const { info } = await connect(service);
    standin().oauth.revokeAll();
    standin().oauth.expireAccessTokens();
    expect(await send(service, info.id, 'c')).toEqual({
      ok: false,
      error: { code: 'auth-expired', message: want.signedOut },
    });
    expect(service.list()[0]?.lastError).toBe(want.signedOut);
    expect((await service.test(info.id)).lastError).toBe(want.signedOut);

    const again = await connect(service, info.id);
    expect(again.info).toMatchObject({ id: info.id, lastError: null });
    expect(await send(service, info.id, 'd')).toMatchObject({ ok: true });

    await service.disconnect(info.id);
    expect(service.list()).toEqual([]);
    expect(await vault.take(`mailbox:${info.id}:oauth`)).toBeNull();
  });
});

describe('OAuth sign-in guards', () => {
  it('says what to set when no client id is configured', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fairsend-oauth-mb-'));
    service = createMailboxService({
      store: createMailboxFileStore(join(dir, 'm.json')),
      vault: createVault(createFileStore(join(dir, 's.json')), createKeySealer(Buffer.alloc(32, 1))),
      now: Date.now,
      newId: () => 'x',
    });
    await expect(service.connectOAuth('gmail')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('Google OAuth client id'),
    });
  });

  it('refuses a sign-in page that is neither HTTPS nor on this computer, without opening it', async () => {
    const browser = consentingBrowser();
    const { service } = await setup({ browser, googleAuth: 'http://accounts.example.test/auth' });
    await expect(service.connectOAuth('gmail')).rejects.toMatchObject({ code: 'forbidden' });
    expect(browser.opened).toEqual([]);
    expect(service.list()).toEqual([]);
  });
});
