import { type AuthenticationResult, CryptoProvider } from '@azure/msal-node';
import { err, ok, type Result } from '../../../../shared/ipc/result';
import { field, httpCall } from '../../oauth/http-call';
import { runLoopbackFlow } from '../../oauth/loopback-flow';
import type { TokenStore } from '../../oauth/token-store';
import { translateGraphFailure, translateMsalError } from './outlook-errors';
import { OUTLOOK_SCOPES, type OutlookSettings, outlookEndpoints } from './outlook-settings';
import { createOutlookClient, withTimeout } from './outlook-tokens';
import { stagingStore } from './sealed-cache-plugin';

export interface ConnectOutlookOptions {
  settings: OutlookSettings;
  tokenStore: TokenStore;
  mailboxId: string;
  openBrowser(url: string): Promise<void>;
  /** on a reconnect: the address the mailbox had, so a different Microsoft account is refused */
  expectedAddress?: string;
  /** how long the rep has to finish signing in; default 5 minutes */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const REQUIRED = ['mail.send', 'mail.read'];

/**
 * Connect an Outlook / Microsoft 365 mailbox: msal builds the authorization URL and redeems the code (PKCE from
 * msal's CryptoProvider), our loopback flow carries the browser round trip. msal's cache is staged in memory
 * and committed, sealed, only after the scopes and the address check out: a failure leaves nothing behind.
 */
export async function connectOutlook(options: ConnectOutlookOptions): Promise<Result<{ address: string }>> {
  const staging = stagingStore();
  const client = createOutlookClient(options.settings, staging, options.mailboxId);
  const scopes = [...OUTLOOK_SCOPES];
  const callTimeout = options.settings.timeoutMs ?? 30_000;

  const signedIn = await runLoopbackFlow<AuthenticationResult>({
    openBrowser: options.openBrowser,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    async pkce() {
      const codes = await new CryptoProvider().generatePkceCodes();
      return { verifier: codes.verifier, challenge: codes.challenge };
    },
    async authorizationUrl({ redirectUri, state, codeChallenge }) {
      try {
        // msal resolves the authority's endpoints here (openid-configuration), so this can fail like a token call
        const url = client.getAuthCodeUrl({
          scopes,
          redirectUri,
          state,
          codeChallenge,
          codeChallengeMethod: 'S256',
          prompt: 'select_account',
        });
        const result = await withTimeout(url, callTimeout);
        return result === 'timeout'
          ? err('transient', 'Microsoft sign-in did not answer in time. Try again.')
          : ok(result);
      } catch (error) {
        return translateMsalError(error, 'connect');
      }
    },
    async exchangeCode({ code, redirectUri, codeVerifier }) {
      try {
        const result = await withTimeout(
          client.acquireTokenByCode({ code, scopes, redirectUri, codeVerifier }),
          callTimeout,
        );
        return result === 'timeout'
          ? err('transient', 'Microsoft sign-in did not answer in time. Try again.')
          : ok(result);
      } catch (error) {
        return translateMsalError(error, 'connect');
      }
    },
  });
  if (!signedIn.ok) return signedIn;
  const granted = new Set(signedIn.value.scopes.map((s) => s.toLowerCase().replace(/^.*\//, '')));
  if (!REQUIRED.every((s) => granted.has(s))) {
    return err(
      'forbidden',
      'Fairsend needs permission to send and to read this mailbox. Start again and allow both.',
    );
  }

  const me = await httpCall(
    {
      method: 'GET',
      url: `${outlookEndpoints(options.settings).graphBaseUrl}/v1.0/me`,
      bearer: signedIn.value.accessToken,
      timeoutMs: callTimeout,
    },
    options.fetch,
  );
  if (me.kind !== 'response' || me.status !== 200) return translateGraphFailure(me);
  const address = field(me.body, 'mail') || field(me.body, 'userPrincipalName');
  if (typeof address !== 'string' || !address.includes('@'))
    return err('rejected-permanent', 'Outlook did not say which mailbox this is.');
  if (options.expectedAddress && options.expectedAddress.toLowerCase() !== address.toLowerCase()) {
    return err(
      'conflict',
      `You signed in as ${address}, not ${options.expectedAddress}. Sign in with that mailbox.`,
    );
  }
  const cache = staging.value();
  if (cache === null) return err('internal', 'Microsoft sign-in left no token to keep. Start again.');
  try {
    await options.tokenStore.save(options.mailboxId, cache);
  } catch {
    return err(
      'unavailable',
      'Fairsend cannot store the sign-in safely on this computer, so the mailbox was not connected.',
    );
  }
  return ok({ address });
}
