import { PublicClientApplication } from '@azure/msal-node';
import { err, ok } from '../../../../shared/ipc/result';
import type { AccessTokenSource } from '../../oauth/authorized-call';
import type { TokenStore } from '../../oauth/token-store';
import { translateMsalError } from './outlook-errors';
import { OUTLOOK_SCOPES, type OutlookSettings, outlookEndpoints } from './outlook-settings';
import { sealedCachePlugin } from './sealed-cache-plugin';

/**
 * msal-node's public client for one mailbox, its cache sealed in the TokenStore. A custom authority (a national
 * cloud, or the tests' stand-in) is named in knownAuthorities so msal trusts it without asking Microsoft's
 * instance-discovery service; its endpoints still come from its own /.well-known/openid-configuration.
 */
export function createOutlookClient(settings: OutlookSettings, store: TokenStore, mailboxId: string) {
  const { authority, custom } = outlookEndpoints(settings);
  return new PublicClientApplication({
    auth: {
      clientId: settings.clientId,
      authority,
      ...(custom ? { knownAuthorities: [new URL(authority).host] } : {}),
    },
    cache: { cachePlugin: sealedCachePlugin(store, mailboxId) },
    system: { loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined } },
  });
}

/** msal's network calls have no timeout of their own; a hung sign-in service must not hang a send */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Access tokens via acquireTokenSilent: msal refreshes (and rotates the refresh token) when needed. */
export function createOutlookTokenSource(
  settings: OutlookSettings,
  store: TokenStore,
  mailboxId: string,
): AccessTokenSource {
  const client = createOutlookClient(settings, store, mailboxId);
  const timeoutMs = settings.timeoutMs ?? 30_000;
  return {
    async accessToken(forceRefresh) {
      try {
        const [account] = await client.getTokenCache().getAllAccounts();
        if (!account) return err('auth-expired', 'This Outlook mailbox is not connected. Connect it again.');
        const result = await withTimeout(
          client.acquireTokenSilent({ account, scopes: [...OUTLOOK_SCOPES], forceRefresh }),
          timeoutMs,
        );
        if (result === 'timeout')
          return err('transient', 'Microsoft sign-in did not answer in time. Fairsend will try again later.');
        return ok(result.accessToken);
      } catch (error) {
        return translateMsalError(error, 'refresh');
      }
    },
  };
}
