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

/** The app's own pages: in Electron the bundled file:// renderer, in dev the Vite server on loopback. */
export function isAppUrl(raw: string, appOrigin: string): boolean {
  try {
    const url = new URL(raw);
    if (appOrigin === 'file://') return url.protocol === 'file:';
    return url.origin === appOrigin;
  } catch {
    return false;
  }
}
