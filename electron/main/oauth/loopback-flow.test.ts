import { describe, expect, it } from 'vitest';
import { ok } from '../../../shared/ipc/result';
import { runLoopbackFlow } from './loopback-flow';
import { checkAuthorizationUrl, isAllowedAuthorizationUrl, isLoopbackRedirectUri } from './loopback-url';
import { createPkcePair, createState, isValidPkceVerifier, pkceChallenge, sameState } from './pkce';

describe('PKCE and state', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes fresh, valid verifiers and states', () => {
    const a = createPkcePair();
    const b = createPkcePair();
    expect(isValidPkceVerifier(a.verifier)).toBe(true);
    expect(a.challenge).toBe(pkceChallenge(a.verifier));
    expect(a.verifier).not.toBe(b.verifier);
    expect(createState()).not.toBe(createState());
    expect(isValidPkceVerifier('short')).toBe(false);
  });

  it('compares states exactly', () => {
    expect(sameState('abc', 'abc')).toBe(true);
    expect(sameState('abc', 'abd')).toBe(false);
    expect(sameState('abc', 'abcd')).toBe(false);
    expect(sameState('abc', null)).toBe(false);
  });
});

describe('loopback URL checks', () => {
  it.each([
    ['http://127.0.0.1:5000/cb', true],
    ['http://[::1]:5000/cb', true],
    ['http://localhost:5000/cb', true],
    ['http://127.0.0.1/cb', false], // the port is what makes it ours
    ['https://127.0.0.1:5000/cb', false],
    ['http://127.0.0.1.evil.test:5000/cb', false],
    ['http://user:pw@127.0.0.1:5000/cb', false],
    ['https://app.example.com/cb', false],
    ['not a url', false],
  ])('%s is a loopback redirect: %s', (uri, expected) => {
    expect(isLoopbackRedirectUri(uri)).toBe(expected);
  });

  it('allows HTTPS sign-in pages, and HTTP only on this computer', () => {
    expect(isAllowedAuthorizationUrl('https://accounts.google.com/o/oauth2/v2/auth')).toBe(true);
    expect(isAllowedAuthorizationUrl('http://127.0.0.1:4000/auth')).toBe(true);
    expect(isAllowedAuthorizationUrl('http://login.example.com/auth')).toBe(false);
    expect(isAllowedAuthorizationUrl('javascript:alert(1)')).toBe(false);
  });

  it('requires the authorization URL to send the browser back to our listener', () => {
    const ours = 'http://127.0.0.1:5000/oauth2/callback';
    const url = (redirect: string) => `https://idp.test/auth?redirect_uri=${encodeURIComponent(redirect)}`;
    expect(checkAuthorizationUrl(url(ours), ours)).toEqual({ ok: true });
    expect(checkAuthorizationUrl(url('https://evil.test/cb'), ours)).toEqual({
      ok: false,
      reason: 'redirect-uri',
    });
    expect(checkAuthorizationUrl(url('http://127.0.0.1:5001/oauth2/callback'), ours)).toMatchObject({
      ok: false,
    });
    expect(checkAuthorizationUrl('https://idp.test/auth', ours)).toMatchObject({ ok: false });
  });
});

/** A provider that consents at once: the "browser" requests our redirect URI with a code and the given state. */
function flow(
  opts: {
    state?: (s: string) => string;
    redirect?: string;
    timeoutMs?: number;
    browser?: 'ok' | 'idle' | 'fail';
  } = {},
) {
  const calls = { opened: 0, exchanged: 0, redirectUri: '', page: '' };
  const result = runLoopbackFlow({
    timeoutMs: opts.timeoutMs ?? 2000,
    authorizationUrl: ({ redirectUri, state, codeChallenge }) => {
      calls.redirectUri = redirectUri;
      const q = new URLSearchParams({
        redirect_uri: opts.redirect ?? redirectUri,
        state,
        code_challenge: codeChallenge,
      });
      return ok(`https://idp.test/auth?${q}`);
    },
    async exchangeCode({ code, codeVerifier }) {
      calls.exchanged += 1;
      return ok({ code, codeVerifier });
    },
    async openBrowser(url) {
      calls.opened += 1;
      if (opts.browser === 'fail') throw new Error('no browser');
      if (opts.browser === 'idle') return;
      const q = new URL(url).searchParams;
      const back = new URL(q.get('redirect_uri') ?? '');
      void fetch(new URL('/favicon.ico', back)).then((r) => r.text());
      back.searchParams.set('code', 'the-code');
      back.searchParams.set('state', (opts.state ?? ((s) => s))(q.get('state') ?? ''));
      void fetch(back)
        .then((r) => r.text())
        .then((text) => {
          calls.page = text;
        });
    },
  });
  return { result, calls };
}

const stillListening = (redirectUri: string) =>
  fetch(redirectUri).then(
    () => true,
    () => false,
  );

describe('the loopback flow', () => {
  it('receives the code, exchanges it with the verifier, and closes its listener', async () => {
    const { result, calls } = flow();
    const outcome = await result;
    expect(outcome).toMatchObject({ ok: true, value: { code: 'the-code' } });
    expect(outcome.ok && isValidPkceVerifier(outcome.value.codeVerifier)).toBe(true);
    expect(await stillListening(calls.redirectUri)).toBe(false);
    expect(calls.page).toContain('You can close this tab');
  });

  it('answers a response whose state does not match with 400, never exchanges its code, and keeps waiting', async () => {
    const { result, calls } = flow({ state: (s) => `${s}x`, timeoutMs: 400 });
    // the listener is still there after the mismatched request, until the sign-in times out
    await new Promise((r) => setTimeout(r, 100));
    expect(await stillListening(calls.redirectUri)).toBe(true);
    expect(await result).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'The sign-in response did not match this request. Start again from Fairsend.',
      },
    });
    expect(calls.exchanged).toBe(0);
    expect(calls.page).toContain('Not this sign-in');
    expect(await stillListening(calls.redirectUri)).toBe(false);
  });

  it('lets the real redirect finish after requests with a wrong or missing state, each answered 400', async () => {
    const statuses: Array<[string, number]> = [];
    let exchanged = 0;
    let browsing: Promise<void> = Promise.resolve();
    const outcome = await runLoopbackFlow({
      timeoutMs: 3000,
      authorizationUrl: ({ redirectUri, state, codeChallenge }) =>
        ok(
          `https://idp.test/auth?${new URLSearchParams({ redirect_uri: redirectUri, state, code_challenge: codeChallenge })}`,
        ),
      async exchangeCode({ code }) {
        exchanged += 1;
        return ok(code);
      },
      async openBrowser(url) {
        const q = new URL(url).searchParams;
        const hit = async (label: string, params: Record<string, string>) => {
          const target = new URL(q.get('redirect_uri') ?? '');
          for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
          const response = await fetch(target);
          statuses.push([label, response.status]);
          await response.text();
        };
        // a page elsewhere on this computer races the real redirect; then the provider's redirect arrives
        browsing = (async () => {
          await hit('wrong state', { code: 'forged-code', state: 'guessed' });
          await hit('no state', { code: 'forged-code' });
          await hit('forged denial', { error: 'access_denied', state: `${q.get('state')}!` });
          await hit('real', { code: 'the-real-code', state: q.get('state') ?? '' });
        })();
      },
    });
    await browsing;
    expect(outcome).toEqual({ ok: true, value: 'the-real-code' });
    expect(exchanged).toBe(1);
    expect(statuses).toEqual([
      ['wrong state', 400],
      ['no state', 400],
      ['forged denial', 400],
      ['real', 200],
    ]);
  });

  it('refuses a redirect URI that is not this computer, before opening the browser', async () => {
    const { result, calls } = flow({ redirect: 'https://evil.test/oauth2/callback' });
    expect(await result).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('would not return to this computer') },
    });
    expect(calls.opened).toBe(0);
    expect(await stillListening(calls.redirectUri)).toBe(false);
  });

  it('times out with a clear message and closes its listener', async () => {
    const { result, calls } = flow({ browser: 'idle', timeoutMs: 150 });
    expect(await result).toEqual({
      ok: false,
      error: { code: 'transient', message: 'The sign-in was not finished within 1 second. Start again.' },
    });
    expect(await stillListening(calls.redirectUri)).toBe(false);
  });

  it('says so when the browser cannot be opened', async () => {
    const { result } = flow({ browser: 'fail' });
    expect(await result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
