/**
 * URL checks for the installed-app flow (RFC 8252): the redirect must come back to this computer,
 * and the authorization page must be HTTPS (plain HTTP only to a stand-in on loopback, for tests).
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** `http://127.0.0.1:<port>/…`, `http://[::1]:<port>/…` or `http://localhost:<port>/…`; no credentials, no fragment. */
export function isLoopbackRedirectUri(uri: string): boolean {
  const url = parse(uri);
  if (url?.protocol !== 'http:') return false;
  if (url.username || url.password || url.hash) return false;
  return isLoopbackHostname(url.hostname) && url.port !== '';
}

/** The page the browser is sent to: HTTPS, or HTTP to a loopback stand-in. */
export function isAllowedAuthorizationUrl(uri: string): boolean {
  const url = parse(uri);
  if (!url || url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHostname(url.hostname);
}

export type AuthorizationUrlCheck =
  | { ok: true }
  | { ok: false; reason: 'authorization-url' | 'redirect-uri' };

/** The authorization URL a provider client built must send the browser back to exactly the listener we opened. */
export function checkAuthorizationUrl(authUrl: string, expectedRedirectUri: string): AuthorizationUrlCheck {
  if (!isAllowedAuthorizationUrl(authUrl)) return { ok: false, reason: 'authorization-url' };
  const redirect = new URL(authUrl).searchParams.get('redirect_uri');
  if (redirect === null || !isLoopbackRedirectUri(redirect) || redirect !== expectedRedirectUri) {
    return { ok: false, reason: 'redirect-uri' };
  }
  return { ok: true };
}
