import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GmailSettings } from '../mailboxes/gmail/gmail-settings';
import { createSealedMemoryTokenStore } from '../oauth/token-store';
import { createKeySealer } from '../secrets/sealer';
import { type GoogleStandin, startGoogleStandin } from '../testing/google-standin';
import { consentingBrowser } from '../testing/oauth-browser';
import { createPostmasterClient, POSTMASTER_MESSAGES } from './postmaster-client';
import { postmasterTokenSource, signInToPostmaster } from './postmaster-connect';

// The real client (google-auth-library for the tokens, our HTTP calls) against a loopback stand-in that speaks
// Postmaster Tools API v1: sign-in with the postmaster.readonly scope, token expiry and refresh, a domain Google
// has not verified for the account (403), and days with no figures.

let google: GoogleStandin;
let settings: GmailSettings;
const CLIENT_SECRET = `gsecret-${randomBytes(8).toString('hex')}`;

async function connected() {
  const signedIn = await signInToPostmaster({ settings, openBrowser: consentingBrowser().openBrowser });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  const store = createSealedMemoryTokenStore(createKeySealer(randomBytes(32)));
  await store.save('postmaster', signedIn.value.refreshToken);
  return createPostmasterClient({ settings, tokens: postmasterTokenSource(settings, store) });
}

beforeEach(async () => {
  google = await startGoogleStandin({ clientSecret: CLIENT_SECRET });
  settings = {
    clientId: google.oauth.clientId,
    clientSecret: CLIENT_SECRET,
    endpoints: google.endpoints,
    timeoutMs: 3000,
  };
  google.postmaster.addDomain('acme.test', 'OWNER', {
    '2026-11-29': 0.0004,
    '2026-11-30': {
      userReportedSpamRatio: 0.0035,
      userReportedSpamRatioLowerBound: 0.003,
      userReportedSpamRatioUpperBound: 0.004,
      spammyFeedbackLoops: [{ id: 'campaign-7', spamRatio: 0.02 }],
      domainReputation: 'LOW',
    },
    '2026-12-01': { domainReputation: 'MEDIUM', spfSuccessRatio: 1 }, // too little Gmail traffic for a rate
  });
  google.postmaster.addDomain('quiet.acme.test', 'READER');
  google.postmaster.addDomain('other.test', 'NONE');
});
afterEach(async () => {
  await google.close();
});

describe('Postmaster Tools client', () => {
  it('signs in asking only postmaster.readonly, then lists the domains with their permission', async () => {
    const client = await connected();
    const auth = google.postmaster.requests.length; // nothing asked of the API during sign-in
    expect(auth).toBe(0);
    const domains = await client.listDomains();
    expect(domains).toEqual({
      ok: true,
      value: [
        { domain: 'acme.test', permission: 'OWNER' },
        { domain: 'quiet.acme.test', permission: 'READER' },
        { domain: 'other.test', permission: 'NONE' },
      ],
    });
  });

  it('reads a range of days with Google’s date fields, keeping only days that have a spam rate', async () => {
    const client = await connected();
    const days = await client.trafficStats('acme.test', { from: '2026-11-01', to: '2026-12-02' });
    expect(days).toEqual({
      ok: true,
      value: [
        { date: '2026-11-29', spamRate: 0.0004, spammyLoops: 0 },
        { date: '2026-11-30', spamRate: 0.0035, spamRateLow: 0.003, spamRateHigh: 0.004, spammyLoops: 1 },
      ],
    });
    expect(google.postmaster.requests.at(-1)).toContain(
      'startDate.year=2026&startDate.month=11&startDate.day=1&endDate.year=2026&endDate.month=12&endDate.day=2',
    );
    // the end day is exclusive, as Google's is
    const before = await client.trafficStats('acme.test', { from: '2026-11-01', to: '2026-11-30' });
    expect(before.ok && before.value.map((d) => d.date)).toEqual(['2026-11-29']);
  });

  it('answers an empty list for a verified domain with no data days (Google sends {})', async () => {
    const client = await connected();
    expect(await client.trafficStats('quiet.acme.test', { from: '2026-11-01', to: '2026-12-02' })).toEqual({
      ok: true,
      value: [],
    });
  });

  it('says in words that Google has not verified a domain for this account (403 PERMISSION_DENIED)', async () => {
    const client = await connected();
    for (const domain of ['other.test', 'never-added.test']) {
      const answer = await client.trafficStats(domain, { from: '2026-11-01', to: '2026-12-02' });
      expect(answer).toEqual({
        ok: false,
        error: { code: 'forbidden', message: POSTMASTER_MESSAGES.notVerified(domain) },
      });
    }
  });

  it('refreshes an access token the API no longer accepts, silently, once', async () => {
    const client = await connected();
    expect((await client.listDomains()).ok).toBe(true);
    const refreshesBefore = google.oauth.grants.filter((g) => g === 'refresh_token').length;
    google.oauth.expireAccessTokens(); // the client still thinks its token is good
    expect((await client.trafficStats('acme.test', { from: '2026-11-01', to: '2026-12-02' })).ok).toBe(true);
    expect(google.oauth.grants.filter((g) => g === 'refresh_token').length).toBe(refreshesBefore + 1);
  });

  it('refreshes by itself a token that is about to expire (google-auth-library’s own expiry)', async () => {
    google.oauth.accessTokenLifetimeSec = 1; // expires within the library's refresh margin
    const client = await connected();
    const before = google.oauth.grants.filter((g) => g === 'refresh_token').length;
    expect((await client.listDomains()).ok).toBe(true);
    expect(google.oauth.grants.filter((g) => g === 'refresh_token').length).toBeGreaterThan(before);
  });

  it('asks the admin to connect again when Google revoked the access', async () => {
    const client = await connected();
    google.oauth.revokeAll();
    google.oauth.expireAccessTokens();
    expect(await client.listDomains()).toEqual({
      ok: false,
      error: { code: 'auth-expired', message: POSTMASTER_MESSAGES.signedOut },
    });
  });

  it('refuses a sign-in where the admin did not grant postmaster.readonly', async () => {
    // the stand-in grants what was asked; a Gmail-only grant is what a consent screen with the box unticked gives
    const gmailOnly = { ...settings, endpoints: { ...settings.endpoints } };
    const browser = consentingBrowser();
    const tampered = {
      ...browser,
      openBrowser: (url: string) =>
        browser.openBrowser(
          url.replace(
            /scope=[^&]+/,
            `scope=${encodeURIComponent('https://www.googleapis.com/auth/gmail.readonly')}`,
          ),
        ),
    };
    const answer = await signInToPostmaster({ settings: gmailOnly, openBrowser: tampered.openBrowser });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
