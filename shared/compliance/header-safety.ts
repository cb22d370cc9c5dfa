/**
 * Header safety: anything that reaches a header is checked, never repaired. A line break in a value is how
 * header injection works, so it is refused with a reason instead of silently stripped — a stripped value
 * would still be a send the rep did not write. Also: the 998-byte line limit (RFC 5322 §2.1.1), display
 * names that impersonate, and link hosts that mix scripts to look like another domain (homographs).
 */
import { type Reason, reason } from './reasons';

/** RFC 5322 §2.1.1: a line is at most 998 bytes, not counting CRLF. */
export const HEADER_LINE_LIMIT = 998;
const NAME_LIMIT = 256;

// U+0085, U+2028 and U+2029 are treated as line breaks by some parsers and mail clients.
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;
const NUL = /\0/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point (tab is allowed).
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// Bidi overrides and invisible characters let a name read differently from what it contains.
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/** UTF-8 byte length, stopping early once past `stopAfter` so a 1 MB value costs no more than needed. */
export function utf8Length(s: string, stopAfter = Number.POSITIVE_INFINITY): number {
  let bytes = 0;
  for (let i = 0; i < s.length && bytes <= stopAfter; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Header findings always block (their floor), and weigh a block in the content score too. */
function refused(found: Reason): Reason {
  return { ...found, weight: 10 };
}

/**
 * Checks one header value. `field` is the rep-facing name ("subject", "your name"). The length limit
 * counts the header name, colon and space, since the limit is for the whole line.
 */
export function checkHeaderValue(field: string, value: string, headerName = field): Reason[] {
  const reasons: Reason[] = [];
  if (LINE_BREAK.test(value)) {
    reasons.push(refused(reason('header-injection', { field })));
  }
  if (NUL.test(value)) {
    reasons.push(refused(reason('header-nul', { field })));
  }
  if (CONTROL.test(value)) {
    reasons.push(refused(reason('header-control-char', { field })));
  }
  const limit = HEADER_LINE_LIMIT - headerName.length - 2;
  if (utf8Length(value, limit) > limit) {
    reasons.push(refused(reason('header-too-long', { field, limit })));
  }
  return reasons;
}

/** A display name (From or To): header rules plus no impersonation tricks. */
export function checkDisplayName(field: string, name: string): Reason[] {
  const reasons = checkHeaderValue(field, name, 'From');
  if (utf8Length(name, NAME_LIMIT) > NAME_LIMIT) {
    reasons.push(refused(reason('display-name-too-long', { field, limit: NAME_LIMIT })));
  }
  if (INVISIBLE.test(name)) {
    reasons.push(refused(reason('display-name-invisible', { field })));
  }
  if (/[<>@]/.test(name)) {
    reasons.push(refused(reason('display-name-address', { field })));
  }
  return reasons;
}

/** RFC 5322 quoted-string for a display name. Non-ASCII is left for the MIME composer to encode (RFC 2047). */
export function quoteDisplayName(name: string): string {
  return `"${name.replace(/[\\"]/g, '\\$&')}"`;
}

// --- Homographs -------------------------------------------------------------------------------------------

/** RFC 3492 Punycode decoding of one label without its `xn--` prefix; null when malformed. */
export function decodePunycode(input: string): string | null {
  const base = 36;
  const delim = input.lastIndexOf('-');
  const out: number[] = [];
  for (let j = 0; j < Math.max(delim, 0); j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) return null;
    out.push(c);
  }
  let n = 128;
  let i = 0;
  let bias = 72;
  for (let pos = delim > 0 ? delim + 1 : 0; pos < input.length; ) {
    const oldi = i;
    let w = 1;
    for (let k = base; ; k += base) {
      if (pos >= input.length) return null;
      const c = input.charCodeAt(pos++);
      const digit =
        c >= 48 && c <= 57 ? c - 22 : c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 97 : base;
      if (digit >= base) return null;
      i += digit * w;
      const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
      if (digit < t) break;
      w *= base - t;
      if (i > 0x10ffff * 64) return null;
    }
    const len = out.length + 1;
    let delta = oldi === 0 ? Math.floor((i - oldi) / 700) : (i - oldi) >> 1;
    delta += Math.floor(delta / len);
    let k = 0;
    for (; delta > 455; k += base) delta = Math.floor(delta / 35);
    bias = Math.floor(k + (36 * delta) / (delta + 38));
    n += Math.floor(i / len);
    i %= len;
    if (n > 0x10ffff) return null;
    out.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...out);
}

const SCRIPTS: readonly [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Bopomofo', /\p{Script=Bopomofo}/u],
];
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

/** The scripts used in a label; digits, hyphens and combining marks belong to none. */
export function labelScripts(label: string): Set<string> {
  const scripts = new Set<string>();
  for (const ch of label) {
    if (ch.charCodeAt(0) < 0x80) {
      if (/[a-z]/i.test(ch)) scripts.add('Latin');
      continue;
    }
    if (NEUTRAL.test(ch)) continue;
    scripts.add(SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? `U+${ch.codePointAt(0)?.toString(16)}`);
  }
  return scripts;
}

// UTS #39 "highly restrictive": one script, or Latin with the scripts East Asian names legitimately combine.
const ALLOWED_MIXES = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
].map((set) => new Set(set));

// Letters that render like Latin ones; a label made only of these impersonates a Latin name (аррӏе.com).
const LATIN_LOOKALIKES: Record<string, RegExp> = {
  Cyrillic: /^[асԁеһіјӏорԛѕԝхуъьҽпгѵѡвкмнт0-9-]+$/u,
  Greek: /^[αβικνορτυχ0-9-]+$/u,
};
// TLDs where a Cyrillic or Greek name is expected, so a whole-script label is not an impersonation.
const NATIVE_TLDS = /^(?:ru|su|ua|by|kz|bg|rs|mk|mn|kg|tj|gr|cy|xn--.*)$/;

function homograph(host: string, how: string): Reason {
  return refused(reason('link-homograph', { host, how }));
}

/** Checks a link host (as the WHATWG URL parser gives it: lower case, IDNA ASCII) for homograph tricks. */
export function checkLinkHost(host: string): Reason[] {
  const labels = host.replace(/\.$/, '').split('.');
  const tld = labels[labels.length - 1] ?? '';
  for (const ascii of labels) {
    const label = ascii.startsWith('xn--') ? decodePunycode(ascii.slice(4)) : ascii;
    if (label === null) return [homograph(host, 'has a malformed international name')];
    const scripts = labelScripts(label);
    if (scripts.size > 1 && !ALLOWED_MIXES.some((ok) => [...scripts].every((s) => ok.has(s)))) {
      return [homograph(host, `mixes ${[...scripts].join(' and ')} letters in "${label}"`)];
    }
    const only = scripts.size === 1 ? [...scripts][0] : undefined;
    const lookalike = only === undefined ? undefined : LATIN_LOOKALIKES[only];
    if (lookalike?.test(label) && !NATIVE_TLDS.test(tld)) {
      return [homograph(host, `spells "${label}" with ${only} letters that look like Latin ones`)];
    }
  }
  return [];
}
