/** Google's endpoints and Fairsend's Gmail OAuth settings. Base URLs are settings so tests can point them at a stand-in. */
export interface GoogleEndpoints {
  authBaseUrl: string;
  tokenUrl: string;
  /** origin of the Gmail REST API; paths start with /gmail/v1 */
  gmailApiBaseUrl: string;
  /** origin of the Postmaster Tools API (an admin's team figures); paths start with /v1 */
  postmasterApiBaseUrl: string;
}

export const GOOGLE_ENDPOINTS: GoogleEndpoints = {
  authBaseUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  gmailApiBaseUrl: 'https://gmail.googleapis.com',
  postmasterApiBaseUrl: 'https://gmailpostmastertools.googleapis.com',
};

/** send + read-only: Fairsend never deletes, labels or drafts in a rep's mailbox */
export const GMAIL_SCOPES = [
  'https://www.googleapis.com/auth/gmail.send',
  'https://www.googleapis.com/auth/gmail.readonly',
] as const;

export interface GmailSettings {
  /** the Desktop-app OAuth client id (a setting) */
  clientId: string;
  /** Google issues Desktop clients a "secret" that is not secret (RFC 8252 §8.5); still never logged */
  clientSecret?: string;
  endpoints?: Partial<GoogleEndpoints>;
  /** per HTTP call; default 30 s */
  timeoutMs?: number;
}

export function googleEndpoints(settings: GmailSettings): GoogleEndpoints {
  const merged = { ...GOOGLE_ENDPOINTS, ...settings.endpoints };
  return {
    ...merged,
    gmailApiBaseUrl: merged.gmailApiBaseUrl.replace(/\/+$/, ''),
    postmasterApiBaseUrl: merged.postmasterApiBaseUrl.replace(/\/+$/, ''),
  };
}
