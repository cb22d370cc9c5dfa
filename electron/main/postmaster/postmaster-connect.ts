import { err, ok, type Result } from '../../../shared/ipc/result';
import { translateGoogleTokenError } from '../mailboxes/gmail/gmail-errors';
import type { GmailSettings } from '../mailboxes/gmail/gmail-settings';
import {
  createGoogleOAuthClient,
  createGoogleTokenSource,
  googleAuthorizationUrl,
} from '../mailboxes/gmail/gmail-tokens';
import type { AccessTokenSource } from '../oauth/authorized-call';
import { runLoopbackFlow } from '../oauth/loopback-flow';
import type { TokenStore } from '../oauth/token-store';
import { POSTMASTER_MESSAGES, POSTMASTER_SCOPE } from './postmaster-client';

/**
 * An admin's Google sign-in for Postmaster Tools: the same installed-app loopback flow with PKCE and the same OAuth
 * client as a Gmail mailbox (createGoogleOAuthClient), asking only `postmaster.readonly`. Returns the refresh token
 * for the caller to seal; nothing is saved here, so a refused or cancelled sign-in leaves nothing behind.
 */
export async function signInToPostmaster(options: {
  settings: GmailSettings;
  openBrowser(url: string): Promise<void>;
  timeoutMs?: number;
}): Promise<Result<{ refreshToken: string }>> {
  const client = createGoogleOAuthClient(options.settings);
  const tokens = await runLoopbackFlow({
    openBrowser: options.openBrowser,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    authorizationUrl: (request) => ok(googleAuthorizationUrl(client, request, [POSTMASTER_SCOPE])),
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
  const { refresh_token: refreshToken, scope } = tokens.value;
  if (!refreshToken)
    return err('rejected-permanent', 'Google did not grant lasting access to Postmaster Tools. Start again.');
  if (!(scope ?? '').split(' ').includes(POSTMASTER_SCOPE))
    return err(
      'forbidden',
      'Fairsend needs permission to read your Postmaster Tools figures. Start again and allow it.',
    );
  return ok({ refreshToken });
}

/** Access tokens for the admin's Postmaster Tools connection, in words that name it (not "this mailbox"). */
export function postmasterTokenSource(settings: GmailSettings, store: TokenStore): AccessTokenSource {
  const inner = createGoogleTokenSource(settings, store, 'postmaster');
  return {
    async accessToken(forceRefresh) {
      const token = await inner.accessToken(forceRefresh);
      if (token.ok || token.error.code !== 'auth-expired') return token;
      return err('auth-expired', POSTMASTER_MESSAGES.signedOut);
    },
  };
}
