/**
 * The team server address a rep types, made into the base every call and every one-click link uses:
 * https, or plain http only on this computer's own loopback (a server run beside the app, tests). No query,
 * no fragment, no credentials, no trailing slash; a path is kept (a server behind a proxy under /fairsend).
 */
export type ServerUrlCheck = { ok: true; url: string } | { ok: false; message: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function checkServerUrl(input: string): ServerUrlCheck {
  const text = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: 'That is not a web address. It looks like https://team.example.com.' };
  }
  if (url.username || url.password || url.search || url.hash)
    return { ok: false, message: 'Enter the address only, like https://team.example.com.' };
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    return { ok: false, message: 'The team server address must start with https://.' };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
