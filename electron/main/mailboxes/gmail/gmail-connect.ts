import { err, ok, type Result } from '../../../../shared/ipc/result';
import { field, httpCall } from '../../oauth/http-call';
import { runLoopbackFlow } from '../../oauth/loopback-flow';
import type { TokenStore } from '../../oauth/token-store';
import { translateGmailFailure, translateGoogleTokenError } from './gmail-errors';
import { GMAIL_SCOPES, type GmailSettings, googleEndpoints } from './gmail-settings';
import { createGoogleOAuthClient, googleAuthorizationUrl } from './gmail-tokens';

export interface ConnectGmailOptions {
  settings: GmailSettings;
  tokenStore: TokenStore;
  /** the id the new (or reconnected) mailbox is saved under */
  mailboxId: string;
  openBrowser(url: string): Promise<void>;
  /** on a reconnect: the address the mailbox had, so a different Google account is refused */
  expectedAddress?: string;
  /** how long the rep has to finish signing in; default 5 minutes */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface ConnectedGmail {
  address: string;
  /** where the inbox watcher starts */
  inboxCursor: string;
}

/**
 * Connect a Gmail mailbox: sign-in in the system browser, code exchange, one profile call to learn the
 * address. Only when all of that worked is the refresh token saved, so a failure leaves nothing behind.
 */
export async function connectGmail(options: ConnectGmailOptions): Promise<Result<ConnectedGmail>> {
  const client = createGoogleOAuthClient(options.settings);
  const tokens = await runLoopbackFlow({
    openBrowser: options.openBrowser,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    authorizationUrl: (request) => ok(googleAuthorizationUrl(client, request)),
    async exchangeCode({ code, redirectUri, codeVerifier }) {
      try {
        const { tokens } = await client.getToken({ code, codeVerifier, redirect_uri: redirectUri });
        return ok(tokens);
      } catch (error) {
        return translateGoogleTokenError(error, 'connect');
      }
    },
  });
  if (!tokens.ok) return tokens;
  const { access_token: accessToken, refresh_token: refreshToken, scope } = tokens.value;
  if (!accessToken || !refreshToken) {
    return err('rejected-permanent', 'Google did not grant lasting access to this mailbox. Start again.');
  }
  const granted = new Set((scope ?? '').split(' '));
  if (!GMAIL_SCOPES.every((s) => granted.has(s))) {
    return err(
      'forbidden',
      'Fairsend needs permission to send and to read this mailbox. Start again and allow both.',
    );
  }

  const profile = await httpCall(
    {
      method: 'GET',
      url: `${googleEndpoints(options.settings).gmailApiBaseUrl}/gmail/v1/users/me/profile`,
      bearer: accessToken,
      timeoutMs: options.settings.timeoutMs ?? 30_000,
    },
    options.fetch,
  );
  if (profile.kind !== 'response' || profile.status !== 200) return translateGmailFailure(profile);
  const address = field(profile.body, 'emailAddress');
  const historyId = field(profile.body, 'historyId');
  if (typeof address !== 'string' || typeof historyId !== 'string') {
    return err('rejected-permanent', 'Gmail did not say which mailbox this is.');
  }
  if (options.expectedAddress && options.expectedAddress.toLowerCase() !== address.toLowerCase()) {
    return err(
      'conflict',
      `You signed in as ${address}, not ${options.expectedAddress}. Sign in with that mailbox.`,
    );
  }
  try {
    await options.tokenStore.save(options.mailboxId, refreshToken);
  } catch {
    return err(
      'unavailable',
      'Fairsend cannot store the sign-in safely on this computer, so the mailbox was not connected.',
    );
  }
  return ok({ address, inboxCursor: historyId });
}
