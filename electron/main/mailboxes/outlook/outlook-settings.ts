/** Microsoft's endpoints and Fairsend's Outlook OAuth settings. Base URLs are settings so tests use a stand-in. */
export const MICROSOFT_AUTHORITY = 'https://login.microsoftonline.com/common';
export const GRAPH_BASE_URL = 'https://graph.microsoft.com';

/** msal adds openid + profile; offline_access gives the refresh token; Mail.Read, not ReadWrite: Fairsend never changes mail */
export const OUTLOOK_SCOPES = ['offline_access', 'Mail.Send', 'Mail.Read', 'User.Read'] as const;

export interface OutlookSettings {
  /** the public-client (mobile & desktop) app registration's id (a setting) */
  clientId: string;
  /** `https://login.microsoftonline.com/<tenant>`; msal accepts only https */
  authority?: string;
  /** origin of Microsoft Graph; paths start with /v1.0 */
  graphBaseUrl?: string;
  /** per call, including msal's token calls (msal has no timeout of its own); default 30 s */
  timeoutMs?: number;
}

export function outlookEndpoints(settings: OutlookSettings) {
  const authority = (settings.authority ?? MICROSOFT_AUTHORITY).replace(/\/+$/, '');
  const graphBaseUrl = (settings.graphBaseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
  return { authority, graphBaseUrl, custom: authority !== MICROSOFT_AUTHORITY };
}
