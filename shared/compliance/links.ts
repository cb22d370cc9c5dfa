/**
 * Links in a message body, read as a mail client and a browser would read them: HTML through a real tokenizer
 * (html-reading.ts), every href resolved by the WHATWG URL parser (which drops leading and trailing C0
 * controls and spaces and every tab and newline, so `java&#9;script:` is `javascript:`), and domains
 * compared by registrable domain under the Public Suffix List, private section included (tldts), so
 * `acme.github.io` and `attacker.github.io` are two different sites. A relative href opens against the
 * message's `<base href>`, as in the clients that honour it, so `<a href="/login">acme.com</a>` under
 * `<base href="https://evil.example/">` is a link to evil.example.
 */
import { getDomain } from 'tldts';
import { type HtmlAnchor, type HtmlReading, readHtml } from './html-reading';

export { htmlToText } from './html-reading';

export interface Link {
  /** The href as the browser gets it (entities decoded), trimmed; for plain-text links, the URL as written. */
  href: string;
  /** Visible text of the link (empty for plain-text links). */
  text: string;
  /** Scheme as the browser resolves it, lower case, without the colon; null for a relative link with no base. */
  scheme: string | null;
  /** Lower-case ASCII (IDNA) host without a trailing dot, for http(s) links; null otherwise. */
  host: string | null;
  source: 'html' | 'text';
}

const RELATIVE = new URL('https://relative.invalid/');

/** An absolute or scheme-relative URL (`//host/x` opens `host` over https); null for a relative one. */
function absoluteUrl(href: string): URL | null {
  try {
    return new URL(href);
  } catch {
    try {
      const relative = new URL(href, RELATIVE);
      return relative.host === RELATIVE.host ? null : relative;
    } catch {
      return null;
    }
  }
}

/** Browsers set no base from a `data:` or `javascript:` URL (HTML, "set the frozen base URL"). */
const IGNORED_BASE_SCHEMES: ReadonlySet<string> = new Set(['data:', 'javascript:']);

/** The URL relative links open against, from a `<base href>`; null when there is none a browser would use. */
function baseUrlOf(base: string | null): URL | null {
  const url = base === null ? null : absoluteUrl(base);
  return url === null || IGNORED_BASE_SCHEMES.has(url.protocol) ? null : url;
}

function resolveAgainst(href: string, base: URL | null): { scheme: string | null; host: string | null } {
  let url: URL | null;
  try {
    url = base === null ? absoluteUrl(href) : new URL(href, base);
  } catch {
    url = null;
  }
  if (url === null) return { scheme: null, host: null };
  const scheme = url.protocol.slice(0, -1);
  const web = scheme === 'http' || scheme === 'https';
  return { scheme, host: web ? url.hostname.replace(/\.$/, '') || null : null };
}

/**
 * Resolves an href as a browser would: against `base` (a `<base href>`) when there is one. Without one, a
 * relative href has no scheme or host, and a scheme-relative `//host/x` opens `host` over https.
 */
export function resolveHref(
  href: string,
  base: string | null = null,
): { scheme: string | null; host: string | null } {
  return resolveAgainst(href, baseUrlOf(base));
}

/** Lower-case ASCII host of an http(s) URL, or null. */
export function hostOf(href: string): string | null {
  return resolveAgainst(href, null).host;
}

function linkOf(href: string, text: string, source: Link['source'], base: URL | null = null): Link {
  return { href: href.trim(), text, ...resolveAgainst(href, base), source };
}

/**
 * Anchors and areas with an `href` (an `<a>` with only `data-href`, or none, is not a link), resolved against
 * the message's `<base href>` if it has one.
 */
export function linksFromAnchors(anchors: readonly HtmlAnchor[], base: string | null = null): Link[] {
  const baseUrl = baseUrlOf(base);
  return anchors.flatMap((a) => (a.href === null ? [] : [linkOf(a.href, a.text, 'html', baseUrl)]));
}

/** The links of a read HTML body. */
export function linksOfReading(reading: Pick<HtmlReading, 'anchors' | 'base'>): Link[] {
  return linksFromAnchors(reading.anchors, reading.base);
}

/** The links in an HTML body (`<a href>`, `<area href>`, SVG links) with their visible text. */
export function extractHtmlLinks(html: string): Link[] {
  return linksOfReading(readHtml(html));
}

/** Known URL shorteners: they hide where a link goes, and spam filters treat them as a strong spam signal. */
// biome-ignore format: a list reads better packed
export const SHORTENERS: ReadonlySet<string> = new Set([
  'bit.ly', 'bitly.com', 'j.mp', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly',
  'cutt.ly', 'shorturl.at', 'rb.gy', 'tiny.cc', 'bl.ink', 'lnkd.in', 't.ly', 'v.gd', 'x.co', 'shorte.st', 'adf.ly',
  'soo.gd', 's.id', 'clck.ru', 'tiny.one', 'qr.ae', 'trib.al', 'snip.ly', 'short.io', 'bit.do', 'mcaf.ee', 'su.pr',
  'po.st', 'db.tt', 'qr.net', 'lc.chat', 'dub.sh', 'kutt.it', 'yourls.org', 'shorturl.com', '1url.com',
  'hyperurl.co', 'surl.li', 'urlz.fr', 'tny.im',
]);

/** Registrable domain (eTLD+1) under the Public Suffix List, private suffixes included; the host itself for IPs. */
export function registrableDomain(host: string): string {
  const bare = host.replace(/\.$/, '').toLowerCase();
  return getDomain(bare, { allowPrivateDomains: true, extractHostname: false }) ?? bare;
}

/** A shortener's host or any name under it ("www.bit.ly", "go.bit.ly"): label by label, no PSL lookup needed. */
export function isShortener(host: string | null): boolean {
  for (let h = host; h; h = h.includes('.') ? h.slice(h.indexOf('.') + 1) : null)
    if (SHORTENERS.has(h)) return true;
  return false;
}

/** Schemes that run code or carry a whole document instead of opening a page. */
const UNSAFE_SCHEMES: ReadonlySet<string> = new Set(['javascript', 'vbscript', 'data', 'file']);
// The URL parser writes every IPv4 form (hex, octal, one number) as a dotted quad, and IPv6 in brackets.
const IP_HOST = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

/** What makes a link unsafe to send ("javascript:", "203.0.113.9"), or null. */
export function unsafeLink(link: Link): string | null {
  if (link.scheme !== null && UNSAFE_SCHEMES.has(link.scheme)) return `${link.scheme}:`;
  if (link.host !== null && IP_HOST.test(link.host)) return link.host;
  return null;
}

const TEXT_URL = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}*]+$/;
const TOKEN_BREAK = /[\s<>"'`(]/;
const LONGEST_SHORTENER = Math.max(...[...SHORTENERS].map((d) => d.length + 4)); // room for "www."

/** http(s) and www. links written out in plain text, and bare shortener links ("bit.ly/x") spammers use. */
export function extractTextLinks(text: string): Link[] {
  const links: Link[] = [];
  const add = (raw: string) => {
    const trimmed = raw.replace(TRAILING, '');
    links.push(linkOf(/^https?:/i.test(trimmed) ? trimmed : `http://${trimmed}`, '', 'text'));
  };
  if (text.includes('/') || /www\./i.test(text)) for (const m of text.matchAll(TEXT_URL)) add(m[0]);
  // A shortener host right before a "/", looked up in the set: a bounded look-back per slash keeps it linear.
  for (let slash = text.indexOf('/'); slash > 0; slash = text.indexOf('/', slash + 1)) {
    let start = slash;
    while (start > 0 && slash - start < LONGEST_SHORTENER && !TOKEN_BREAK.test(text[start - 1] ?? ' '))
      start--;
    if (start > 0 && !TOKEN_BREAK.test(text[start - 1] ?? ' ')) continue; // longer than any shortener
    const host = text.slice(start, slash).toLowerCase();
    if (isShortener(host)) add(text.slice(start, text.slice(slash).search(/[\s<>"'`]|$/) + slash));
  }
  return links;
}

// Top-level domains common enough that "word.tld" in link text is surely a domain ("Node.js" and
// "README.md" are not, though .js is nothing and .md is Moldova).
const COMMON_TLDS = new Set(
  (
    'com net org io co ai app dev biz info me us uk de fr es it nl be ch at se no dk fi pl pt ie ca au nz jp cn ' +
    'in br mx ru ua sg hk tw kr za eu tv cc xyz online site store shop tech cloud pro gov edu'
  ).split(' '),
);
const DOMAIN_TOKEN =
  /^(?:(https?):\/\/)?((?:[a-z0-9\u00a1-\uffff-]{1,63}\.){1,8}[a-z\u00a1-\uffff][a-z0-9\u00a1-\uffff-]{1,62})\.?(?:[/:?#].*)?$/iu;

/** The domain a link's visible text names ("paypal.com", "https://www.acme.com/x"), if any. */
export function domainInText(text: string): string | null {
  for (const token of text.split(/\s+/)) {
    // A domain has a dot; most words of a link's text have none, and skip the pattern.
    if (token.length > 300 || !token.includes('.')) continue;
    const m = DOMAIN_TOKEN.exec(token.replace(/^[("'<[]+|[)"'>\].,;:!?]+$/g, ''));
    if (!m?.[2]) continue;
    const host = hostOf(`http://${m[2]}`);
    if (host === null) continue;
    const tld = host.slice(host.lastIndexOf('.') + 1);
    if (m[1] || host.startsWith('www.') || COMMON_TLDS.has(tld) || tld.startsWith('xn--')) return host;
  }
  return null;
}

/** When a link's text names one site and its href opens another, the pair; otherwise null. */
export function linkTextMismatch(link: Link): { shown: string; actual: string } | null {
  if (link.host === null || !link.text) return null;
  const shown = domainInText(link.text);
  if (shown === null) return null;
  const actual = link.host;
  return registrableDomain(shown) === registrableDomain(actual) ? null : { shown, actual };
}
