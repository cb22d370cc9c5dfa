import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Channel, RequestOf } from '../../shared/ipc/contract';
import { dispatch } from '../../shared/ipc/dispatch';
import type { MailboxInfo, OAuthStart } from '../../shared/ipc/mailboxes';
import type { Result } from '../../shared/ipc/result';
import type { SendOutcome } from '../../shared/ipc/send';
import { createHandlers } from './handlers';
import { createSmtpTransport } from './send/transports/smtp-transport';
import { type GoogleStandin, startGoogleStandin } from './testing/google-standin';
import { type LoopbackDns, startLoopbackDns } from './testing/loopback-dns';
import { type LoopbackSmtp, startLoopbackSmtp } from './testing/loopback-smtp';
import { type MicrosoftStandin, startMicrosoftStandin } from './testing/microsoft-standin';
import { consentingBrowser } from './testing/oauth-browser';
import { selfSignedCertificate, trustCertificateForTests } from './testing/self-signed';
import { startTestServices } from './testing/test-services';

// The invariant, end to end: connect SMTP, Gmail and Outlook, send through each, refresh, revoke,
// test and disconnect, all through the bridge dispatcher, and no secret value appears in any bridge response
// or any log line. Secret values come from the stand-ins (every token, verifier and client secret they
// handed out or were shown) and from the vault itself.

const tls = selfSignedCertificate();
const login = { user: 'ana@acme.test', pass: 'smtp-app-password-Qx7v9' };
const GOOGLE_SECRET = 'GOCSPX-leaktest-client-secret-4f2a';
const PASSPHRASE = 'a passphrase nobody should ever see';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dkimPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const dkimTxt = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

let untrust: () => void;
let dns: LoopbackDns;
let smtp: LoopbackSmtp;
let google: GoogleStandin;
let microsoft: MicrosoftStandin;

beforeAll(async () => {
  untrust = trustCertificateForTests(tls.cert);
  [dns, smtp, google, microsoft] = await Promise.all([
    startLoopbackDns({
      mx: { 'example.test': [[10, 'mx.example.test']] },
      txt: {
        'acme.test': ['v=spf1 ip4:127.0.0.1 -all'],
        'fs1._domainkey.acme.test': [dkimTxt],
        '_dmarc.acme.test': ['v=DMARC1; p=quarantine'],
        'gacme.test': ['v=spf1 include:_spf.google.com ~all'],
        'google._domainkey.gacme.test': [dkimTxt],
        '_dmarc.gacme.test': ['v=DMARC1; p=quarantine'],
        'contoso.test': ['v=spf1 include:spf.protection.outlook.com -all'],
        'selector1._domainkey.contoso.test': [dkimTxt],
        '_dmarc.contoso.test': ['v=DMARC1; p=quarantine'],
      },
    }),
    startLoopbackSmtp({ auth: login, tls }),
    startGoogleStandin({ clientSecret: GOOGLE_SECRET, address: 'ben@gacme.test' }),
    startMicrosoftStandin({ tls, address: 'cara@contoso.test' }),
  ]);
});
afterAll(async () => {
  untrust();
  await Promise.all([dns.close(), smtp.close(), google.close(), microsoft.close()]);
});

it('never puts a password, token, code verifier or client secret in a bridge response or a log line', async () => {
  const logLines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logLines.push(
        args.map((a) => (a instanceof Error ? `${a.name} ${a.message} ${a.stack}` : String(a))).join(' '),
      );
    }),
  );
  const { services } = await startTestServices({
    openSignInPage: consentingBrowser().openBrowser,
    // the forged redirect below gets a 400 and its sign-in waits for the real one until this runs out
    signInTimeoutMs: 3000,
    oauthEndpoints: {
      google: google.endpoints,
      microsoft: { loginBaseUrl: microsoft.graphBaseUrl, graphBaseUrl: microsoft.graphBaseUrl },
    },
    smtpCa: tls.cert,
    smtpTransport: (o) => createSmtpTransport({ ...o, port: smtp.port as 587 }),
    dnsServers: [dns.server],
  });
  const handlers = createHandlers(services);
  const responses: string[] = [];
  const log = (level: 'warn' | 'error', message: string) => logLines.push(`${level} ${message}`);
  async function bridge<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<unknown>> {
    const result = await dispatch(handlers, channel, request, { transport: 'ws' }, log);
    responses.push(JSON.stringify(result));
    return result;
  }
  const value = <T>(result: Result<unknown>): T => {
    if (!result.ok) throw new Error(`bridge call failed: ${result.error.message}`);
    return result.value as T;
  };
  async function connectOAuth(channel: 'mailboxes.connectGmail' | 'mailboxes.connectOutlook') {
    const start = value<OAuthStart>(await bridge(channel, {}));
    return value<MailboxInfo>(await bridge('mailboxes.finishOAuth', { flowId: start.flowId }));
  }
  const draft = (mailboxId: string) => ({
    mailboxId,
    to: 'jane.doe@example.test',
    subject: 'Onboarding new analysts at Example',
    html: '<p>Hi Jane,</p><p>We help data teams onboard analysts in half the time. Worth a short call?</p>',
    isFirstTouch: true,
    kind: 'one-off' as const,
  });
  let sends = 0;
  const send = async (mailboxId: string) =>
    value<SendOutcome>(await bridge('send.message', { key: `leak:${++sends}`, draft: draft(mailboxId) }));

  try {
    await bridge('app.info', {});
    await bridge('vault.unlockWithPassphrase', { passphrase: PASSPHRASE }); // refused: the vault has a key
    value(
      await bridge('settings.setOAuth', {
        google: { clientId: google.oauth.clientId, clientSecret: GOOGLE_SECRET },
        microsoft: { clientId: microsoft.oauth.clientId, tenant: 'organizations' },
      }),
    );
    await bridge('settings.getOAuth', {});
    const smtpRequest = {
      address: 'ana@acme.test',
      displayName: 'Ana Rep',
      host: '127.0.0.1',
      port: 587 as const,
      security: 'starttls' as const,
      user: login.user,
      localRelay: true,
    };
    expect(
      (await bridge('mailboxes.connectSmtp', { ...smtpRequest, password: `${login.pass}-wrong` })).ok,
    ).toBe(false);
    const smtpBox = value<MailboxInfo>(
      await bridge('mailboxes.connectSmtp', {
        ...smtpRequest,
        password: login.pass,
        dkim: { selector: 'fs1', privateKeyPem: dkimPem },
      }),
    );
    google.oauth.consent.tamperState = true; // a forged redirect first: refused, nothing saved
    const forged = value<OAuthStart>(await bridge('mailboxes.connectGmail', {}));
    expect((await bridge('mailboxes.finishOAuth', { flowId: forged.flowId })).ok).toBe(false);
    google.oauth.consent.tamperState = false;
    const gmailBox = await connectOAuth('mailboxes.connectGmail');
    const outlookBox = await connectOAuth('mailboxes.connectOutlook');
    const boxes = [smtpBox, gmailBox, outlookBox];

    value(
      await bridge('settings.setProfile', {
        company: 'Acme Analytics GmbH',
        postalAddress: 'Torstraße 1, 10119 Berlin, Germany',
        unsubscribeBaseUrl: 'https://team.acme.test',
        unsubscribeMailto: 'unsubscribe@acme.test',
      }),
    );
    value(await bridge('suppression.apply', { add: [], remove: [], complete: true }));
    for (const box of boxes) {
      await bridge('send.preview', draft(box.id));
      expect((await send(box.id)).status).toBe('sent');
      await bridge('mailboxes.test', { id: box.id });
    }
    expect([google.sent().length, microsoft.sent().length, smtp.received.length]).toEqual([1, 1, 1]);

    // silent refresh after the providers expired the access tokens
    google.oauth.expireAccessTokens();
    microsoft.oauth.expireAccessTokens();
    expect((await send(gmailBox.id)).status).toBe('sent');
    expect((await send(outlookBox.id)).status).toBe('sent');

    // the rep removed Fairsend's access: sends fail in words, the mailbox says so
    google.oauth.revokeAll();
    google.oauth.expireAccessTokens();
    expect(await send(gmailBox.id)).toMatchObject({ status: 'failed', code: 'auth-expired' });
    const listed = value<MailboxInfo[]>(await bridge('mailboxes.list', {}));
    expect(listed.find((m) => m.id === gmailBox.id)?.lastError).toMatch(/signed Fairsend out/);

    await bridge('mailboxes.health', {});
    await bridge('mailboxes.resume', { id: smtpBox.id }); // refused: nothing to resume
    await bridge('audit.since', { seq: 0, limit: 1000 });
    const vaultValues = (await services.vault.revealAllForTests?.()) ?? [];
    for (const box of boxes) value(await bridge('mailboxes.disconnect', { id: box.id }));
    expect(value<MailboxInfo[]>(await bridge('mailboxes.list', {}))).toEqual([]);

    const secrets = new Set([
      login.pass,
      GOOGLE_SECRET,
      PASSPHRASE,
      dkimPem,
      ...google.oauth.secretsSeen,
      ...microsoft.oauth.secretsSeen,
      ...vaultValues,
    ]);
    // the scan only means something if it saw the run and the secrets
    expect(responses.length).toBeGreaterThan(30);
    expect(google.oauth.secretsSeen.size).toBeGreaterThan(5);
    expect(microsoft.oauth.secretsSeen.size).toBeGreaterThan(3);
    expect(vaultValues.length).toBeGreaterThanOrEqual(5); // SMTP password + DKIM key, two OAuth secrets, client secret
    const everything = [...responses, ...logLines];
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      const leaked = everything.filter((text) => text.includes(secret));
      expect(leaked, 'a secret value reached the bridge or a log').toEqual([]);
    }
  } finally {
    for (const spy of spies) spy.mockRestore();
    await services.close();
  }
});
