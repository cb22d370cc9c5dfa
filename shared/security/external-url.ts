/**
 * Which links may leave the app for the system browser. Pure, so it is tested as a table.
 * Only https (and mailto for "write to support") — never file:, javascript:, data: or custom schemes.
 */
export function isSafeExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return url.pathname.length > 0;
  if (url.protocol !== 'https:') return false;
  if (url.username || url.password) return false; // https://bank.com@evil.example tricks
  return url.hostname.length > 0;
}

/**
 * The app's own pages: in Electron the renderer served from `app://fairsend`, in dev the Vite server on loopback.
 * Same scheme and host (with port) as `appOrigin`, no credentials. A page from `file:` never passes: the app
 * no longer loads from there, and any local file could be opened in the window. Compared by parts because a
 * custom scheme's URL has an opaque origin (`'null'`) in the WHATWG parser.
 */
export function isAppUrl(raw: string, appOrigin: string): boolean {
  try {
    const url = new URL(raw);
    const app = new URL(appOrigin);
    if (!app.host || app.protocol === 'file:') return false;
    if (url.username || url.password) return false;
    return url.protocol === app.protocol && url.host === app.host;
  } catch {
    return false;
  }
}
