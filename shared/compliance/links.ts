/**
 * Links and visible text from a message body, without a DOM (shared/ runs in Node and browsers).
 * Every scan is linear: tags are found with indexOf and character classes that stop at the next `<`,
 * so a 1 MB body of unclosed tags costs one pass, not a backtracking blow-up.
 */

export interface Link {
  href: string;
  /** Visible text of the link (empty for plain-text links). */
  text: string;
  /** Lower-case ASCII (IDNA) host without a trailing dot; null when the href is not an http(s) URL. */
  host: string | null;
  source: 'html' | 'text';
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? whole;
    const cp =
      body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
  });
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Removes `<tag …>…</tag>` blocks (style, script, head, comments) by index scanning. */
function removeBlocks(html: string, lower: string, open: string, close: string): [string, string] {
  let start = lower.indexOf(open);
  if (start < 0) return [html, lower];
  let out = '';
  let outLower = '';
  let pos = 0;
  while (start >= 0) {
    // `<head` must not match `<header>`: the tag name has to end here.
    if (open !== '<!--' && /[^\s>/]/.test(lower[start + open.length] ?? '>')) {
      start = lower.indexOf(open, start + open.length);
      continue;
    }
    out += html.slice(pos, start);
    outLower += lower.slice(pos, start);
    const end = lower.indexOf(close, start + open.length);
    if (end < 0) return [out, outLower]; // unclosed: the rest is not visible
    pos = end + close.length;
    start = lower.indexOf(open, pos);
  }
  return [out + html.slice(pos), outLower + lower.slice(pos)];
}

const INVISIBLE_BLOCK = /<(?:!--|head|style|script)/i;

/** The HTML without the parts a reader never sees as text: head, style, script and comments. */
export function stripInvisibleBlocks(html: string): string {
  if (!INVISIBLE_BLOCK.test(html)) return html; // the common case, and idempotent on a second call
  let pair: [string, string] = [html, html.toLowerCase()];
  for (const [open, close] of [
    ['<!--', '-->'],
    ['<head', '</head>'],
    ['<style', '</style>'],
    ['<script', '</script>'],
  ] as const) {
    pair = removeBlocks(pair[0], pair[1], open, close);
  }
  return pair[0];
}

/** Visible text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
export function visibleText(html: string): string {
  return decodeEntities(html.replace(/<[^<>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lower-case ASCII host of an http(s) URL, or null. */
export function hostOf(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.hostname.replace(/\.$/, '') || null;
}

const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

interface Anchor {
  start: number;
  end: number;
  href: string | null;
  inner: string;
}

/** Walks `<a …>…</a>` by index. An unclosed anchor takes the rest of the document as its text. */
function scanAnchors(html: string): Anchor[] {
  const lower = html.toLowerCase();
  const anchors: Anchor[] = [];
  let pos = lower.indexOf('<a');
  while (pos >= 0) {
    const next = lower.charCodeAt(pos + 2);
    // `<a` then whitespace, `/` or `>` is an anchor; `<abbr>`, `<area>` and `<address>` are not.
    if (
      next === 62 ||
      next === 32 ||
      next === 9 ||
      next === 10 ||
      next === 13 ||
      next === 12 ||
      next === 47
    ) {
      const tagEnd = lower.indexOf('>', pos);
      if (tagEnd < 0) break;
      const m = HREF.exec(html.slice(pos, tagEnd));
      const close = lower.indexOf('</a', tagEnd);
      const closeEnd = close < 0 ? html.length : lower.indexOf('>', close) + 1 || html.length;
      const href = m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '').trim() : null;
      anchors.push({
        start: pos,
        end: closeEnd,
        href,
        inner: html.slice(tagEnd + 1, close < 0 ? html.length : close),
      });
      if (close < 0) break;
      pos = lower.indexOf('<a', closeEnd);
    } else {
      pos = lower.indexOf('<a', pos + 2);
    }
  }
  return anchors;
}

/** `<a href>` links with their visible text. */
export function extractHtmlLinks(html: string): Link[] {
  return scanAnchors(stripInvisibleBlocks(html)).flatMap((a) =>
    a.href === null
      ? []
      : [{ href: a.href, text: visibleText(a.inner), host: hostOf(a.href), source: 'html' as const }],
  );
}

/** Known URL shorteners: they hide where a link goes, and spam filters treat them as a strong spam signal. */
// biome-ignore format: a list reads better packed
export const SHORTENERS: ReadonlySet<string> = new Set([
  'bit.ly', 'bitly.com', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly',
  'shorturl.at', 'rb.gy', 'tiny.cc', 'bl.ink', 'lnkd.in', 't.ly', 'v.gd', 'x.co', 'shorte.st', 'adf.ly', 'soo.gd',
  's.id', 'clck.ru', 'tiny.one', 'qr.ae', 'trib.al', 'snip.ly', 'short.io', 'bit.do', 'mcaf.ee', 'su.pr', 'po.st',
  'db.tt', 'qr.net', 'lc.chat', 'dub.sh', 'kutt.it', 'yourls.org', 'shorturl.com', '1url.com', 'hyperurl.co',
]);

export function isShortener(host: string | null): boolean {
  return host !== null && SHORTENERS.has(host.startsWith('www.') ? host.slice(4) : host);
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
    const href = /^https?:/i.test(trimmed) ? trimmed : `http://${trimmed}`;
    links.push({ href, text: '', host: hostOf(href), source: 'text' });
  };
  if (text.includes('/') || text.includes('www.')) for (const m of text.matchAll(TEXT_URL)) add(m[0]);
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

// Second-level registries under a country code, so that `shop.acme.co.uk` and `acme.co.uk` compare equal.
const SECOND_LEVEL = /^(?:co|com|net|org|gov|ac|edu|ne|or|go|gob|mil)$/;

/** An approximation of the registrable domain (eTLD+1) without a public-suffix list. */
export function registrableDomain(host: string): string {
  const labels = host.replace(/\.$/, '').split('.');
  const n = labels.length;
  const keep = n >= 3 && (labels[n - 1] ?? '').length === 2 && SECOND_LEVEL.test(labels[n - 2] ?? '') ? 3 : 2;
  return labels.slice(-keep).join('.');
}

// Top-level domains common enough that "word.tld" in link text is surely a domain ("Node.js" is not).
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
    if (token.length > 300) continue;
    const m = DOMAIN_TOKEN.exec(token.replace(/^[("'<[]+|[)"'>\].,;:!?]+$/g, ''));
    if (!m?.[2]) continue;
    const host = hostOf(`http://${m[2]}`);
    if (host === null) continue;
    const tld = host.slice(host.lastIndexOf('.') + 1);
    if (m[1] || host.startsWith('www.') || COMMON_TLDS.has(tld) || tld.startsWith('xn--')) return host;
  }
  return null;
}

/** When a link's text names one domain and its href goes to another, the pair; otherwise null. */
export function linkTextMismatch(link: Link): { shown: string; actual: string } | null {
  if (link.host === null || !link.text) return null;
  const shown = domainInText(link.text);
  if (shown === null) return null;
  const actual = link.host;
  return registrableDomain(shown) === registrableDomain(actual) ? null : { shown, actual };
}

const BLOCK_END = /<\/(?:p|div|h[1-6]|ul|ol|tr|table|blockquote)\s*>/gi;

/** A plain-text part from HTML: paragraphs kept, links written as `text (url)`, tags and entities gone. */
export function htmlToText(html: string): string {
  const clean = stripInvisibleBlocks(html);
  let withLinks = '';
  let pos = 0;
  for (const a of scanAnchors(clean)) {
    const text = visibleText(a.inner);
    // Escaped, because the whole text is entity-decoded once more below.
    const rendered =
      a.href === null || text === a.href ? (a.href ?? text) : text ? `${text} (${a.href})` : a.href;
    withLinks += `${clean.slice(pos, a.start)} ${escapeHtml(rendered)} `;
    pos = a.end;
  }
  withLinks += clean.slice(pos);
  const blocks = withLinks
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(BLOCK_END, '\n\n')
    .replace(/<li\b[^<>]*>/gi, '\n- ')
    .replace(/<[^<>]*>/g, '');
  return decodeEntities(blocks)
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
