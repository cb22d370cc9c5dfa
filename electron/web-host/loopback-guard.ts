import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Who may reach the browser-mode host. It listens on 127.0.0.1 only, but a web page elsewhere can still make
 * the browser talk to it by pointing its own domain at 127.0.0.1 (DNS rebinding); the browser then sends that
 * domain as the Host header. So the page carrying the bridge token, and the bridge itself, are served only to
 * a Host naming this host exactly, and the socket must come from one of those origins with the token.
 */
export interface LoopbackGuard {
  /** `127.0.0.1:PORT` or `localhost:PORT`, byte for byte */
  hostAllowed(host: string | undefined): host is string;
  /** the page's origin: `http://` and an allowed host */
  originAllowed(origin: string | undefined): boolean;
  /** the URL to tell someone who came by another name */
  canonicalUrl: string;
}

export function loopbackGuard(port: number): LoopbackGuard {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = hosts.map((host) => `http://${host}`);
  return {
    hostAllowed: (host): host is string => host !== undefined && hosts.includes(host),
    originAllowed: (origin) => origin !== undefined && origins.includes(origin),
    canonicalUrl: `${origins[0]}/`,
  };
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Constant-time token check. Both sides are hashed first: `timingSafeEqual` throws on buffers of different
 * byte lengths, and a string's length in characters says nothing about its length in bytes.
 */
export function tokenMatches(offered: string, expected: string): boolean {
  return timingSafeEqual(digest(offered), digest(expected));
}
