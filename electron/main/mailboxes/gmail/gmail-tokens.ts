import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { err, ok } from '../../../../shared/ipc/result';
import type { AccessTokenSource } from '../../oauth/authorized-call';
import type { TokenStore } from '../../oauth/token-store';
import { translateGoogleTokenError } from './gmail-errors';
import { GMAIL_SCOPES, type GmailSettings, googleEndpoints } from './gmail-settings';

/** google-auth-library's OAuth2Client pointed at the configured endpoints; it does the exchange and the refresh. */
export function createGoogleOAuthClient(settings: GmailSettings): OAuth2Client {
  const endpoints = googleEndpoints(settings);
  return new OAuth2Client({
    clientId: settings.clientId,
    ...(settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
    endpoints: { oauth2AuthBaseUrl: endpoints.authBaseUrl, oauth2TokenUrl: endpoints.tokenUrl },
    transporterOptions: { timeout: settings.timeoutMs ?? 30_000 },
  });
}

export function googleAuthorizationUrl(
  client: OAuth2Client,
  request: { redirectUri: string; state: string; codeChallenge: string },
  /** the Gmail mailbox's scopes unless told (an admin's Postmaster Tools connection asks only its own) */
  scopes: readonly string[] = GMAIL_SCOPES,
): string {
  return client.generateAuthUrl({
    access_type: 'offline', // a refresh token
    prompt: 'consent', // Google sends a refresh token again on a reconnect only after consent
    scope: [...scopes],
    state: request.state,
    redirect_uri: request.redirectUri,
    code_challenge: request.codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
  });
}

/**
 * Access tokens for one Gmail mailbox. The refresh token is read from the TokenStore (sealed), the access
 * token lives only in this object. A failed refresh clears nothing: the rep reconnects and that replaces it.
 */
export function createGoogleTokenSource(
  settings: GmailSettings,
  tokenStore: TokenStore,
  mailboxId: string,
): AccessTokenSource {
  const client = createGoogleOAuthClient(settings);
  let refreshToken: string | null = null;

  return {
    async accessToken(forceRefresh) {
      if (refreshToken === null) {
        refreshToken = await tokenStore.load(mailboxId);
        if (refreshToken === null)
          return err('auth-expired', 'This Gmail mailbox is not connected. Connect it again.');
        client.setCredentials({ refresh_token: refreshToken });
      }
      // dropping the access token makes the client refresh; otherwise it refreshes itself near expiry
      if (forceRefresh) client.setCredentials({ refresh_token: refreshToken });
      try {
        const { token } = await client.getAccessToken();
        if (!token)
          return err('auth-expired', 'Google did not return an access token. Connect the mailbox again.');
        await keepRotatedRefreshToken(client.credentials.refresh_token);
        return ok(token);
      } catch (error) {
        return translateGoogleTokenError(error, 'refresh');
      }
    },
  };

  /** Google rarely rotates refresh tokens, but when it does the old one stops working soon after. */
  async function keepRotatedRefreshToken(current: string | null | undefined) {
    if (current && current !== refreshToken) {
      await tokenStore.save(mailboxId, current);
      refreshToken = current;
    }
  }
}
