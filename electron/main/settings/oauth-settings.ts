import {
  type OAuthSettingsRequest,
  type OAuthSettingsView,
  oauthSettingsRequest,
} from '../../../shared/ipc/oauth-settings';
import { AppError } from '../../../shared/ipc/result';
import type { GmailSettings, GoogleEndpoints } from '../mailboxes/gmail/gmail-settings';
import type { OutlookSettings } from '../mailboxes/outlook/outlook-settings';
import type { Vault } from '../vault/vault';
import { readJsonFile, writeJsonFile } from './json-file';

/** Where the providers live, when not the real Google and Microsoft: tests' stand-ins, a national cloud. */
export interface OAuthEndpointOverrides {
  google?: Partial<GoogleEndpoints>;
  /** `loginBaseUrl` + `/<tenant>` is the msal authority; msal accepts only https */
  microsoft?: { loginBaseUrl?: string; graphBaseUrl?: string };
}

const MICROSOFT_LOGIN = 'https://login.microsoftonline.com';

interface StoredOAuth {
  google: { clientId: string } | null;
  microsoft: { clientId: string; tenant: string } | null;
}

const SECRET = 'oauth:google:client-secret';

/**
 * The team's OAuth client ids, in a JSON file in main's data folder; Google's client secret in the vault.
 * Mailbox code asks for ready-to-use GmailSettings / OutlookSettings (null until set).
 */
export function createOAuthSettingsStore(file: string, vault: Vault, endpoints: OAuthEndpointOverrides = {}) {
  let stored = readJsonFile<StoredOAuth>(file, { google: null, microsoft: null });
  const customEndpoints = [endpoints.google, endpoints.microsoft].some(
    (e) => e && Object.values(e).some(Boolean),
  );

  const hasSecret = async () => vault.status().ok && (await vault.take(SECRET)) !== null;

  const view = async (): Promise<OAuthSettingsView> => ({
    google: stored.google ? { clientId: stored.google.clientId, hasClientSecret: await hasSecret() } : null,
    microsoft: stored.microsoft,
    customEndpoints,
  });

  return {
    get: view,

    async set(raw: OAuthSettingsRequest): Promise<OAuthSettingsView> {
      const request = oauthSettingsRequest.parse(raw);
      const next: StoredOAuth = { ...stored };
      if (request.google !== undefined)
        next.google = request.google ? { clientId: request.google.clientId } : null;
      if (request.microsoft !== undefined) next.microsoft = request.microsoft;
      // the secret first: when the vault refuses it (no keyring) nothing else changes either
      const secret = request.google === null ? '' : request.google?.clientSecret;
      if (secret) {
        if (!vault.status().ok)
          throw new AppError('unavailable', 'Fairsend cannot store the client secret safely here.');
        await vault.put(SECRET, secret);
      } else if (secret === '') vault.remove(SECRET);
      writeJsonFile(file, next);
      stored = next;
      return view();
    },

    async gmail(): Promise<GmailSettings | null> {
      if (!stored.google) return null;
      const clientSecret = vault.status().ok ? await vault.take(SECRET) : null;
      return {
        clientId: stored.google.clientId,
        ...(clientSecret ? { clientSecret } : {}),
        ...(endpoints.google ? { endpoints: endpoints.google } : {}),
      };
    },

    outlook(): OutlookSettings | null {
      if (!stored.microsoft) return null;
      const login = (endpoints.microsoft?.loginBaseUrl ?? MICROSOFT_LOGIN).replace(/\/+$/, '');
      return {
        clientId: stored.microsoft.clientId,
        authority: `${login}/${stored.microsoft.tenant}`,
        ...(endpoints.microsoft?.graphBaseUrl ? { graphBaseUrl: endpoints.microsoft.graphBaseUrl } : {}),
      };
    },
  };
}

export type OAuthSettingsStore = ReturnType<typeof createOAuthSettingsStore>;
