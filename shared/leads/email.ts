/**
 * Email addresses as a sales tool needs them: RFC 5321/5322 syntax (dot-atom or quoted local part),
 * internationalised domains (IDNA, stored as ASCII/punycode) and UTF-8 local parts (RFC 6531),
 * and one normal form for dedupe and suppression: lower case, ASCII domain, no trailing dot.
 */
import { boundedMemo } from '../text/bounded-memo';

export type EmailProblem =
  | 'empty'
  | 'no-at'
  | 'too-long'
  | 'local-too-long'
  | 'bad-local'
  | 'bad-domain'
  | 'domain-literal'
  | 'control-chars';

export type EmailCheck =
  | {
      ok: true /** normal form: the dedupe and suppression key */;
      address: string;
      local: string;
      domain: string;
    }
  | { ok: false; problem: EmailProblem; message: string };

const MESSAGES: Record<EmailProblem, string> = {
  empty: 'The email address is empty.',
  'no-at': 'The email address has no "@".',
  'too-long': 'The email address is longer than 254 characters.',
  'local-too-long': 'The part before "@" is longer than 64 characters.',
  'bad-local': 'The part before "@" has characters an address cannot have.',
  'bad-domain': 'The domain after "@" is not a valid domain name.',
  'domain-literal': 'Addresses at a bare IP address ([1.2.3.4]) are not accepted.',
  'control-chars': 'The email address contains control characters or line breaks.',
};

const fail = (problem: EmailProblem): EmailCheck => ({ ok: false, problem, message: MESSAGES[problem] });

// atext of RFC 5322 plus any non-ASCII character (RFC 6531 UTF8-non-ascii).
const ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+$/u;
// A quoted string: printable ASCII except " and \, or a backslash pair; non-ASCII allowed (RFC 6531).
const QUOTED = /^"(?:[\x20\x21\x23-\x5B\x5D-\x7E\u0080-\uFFFF]|\\[\x20-\x7E])*"$/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point.
const CONTROL = /[\u0000-\u001F\u007F]/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const DOMAIN_FORBIDDEN = /[\s/\\?#@:%[\]<>,;"'()]/u;

/** Pulls the address out of `Name <addr>` and `mailto:addr`, and trims the spaces spreadsheets leave. */
function unwrap(raw: string): string {
  let s = raw.trim();
  const angle = /<([^<>]*)>\s*$/.exec(s);
  if (angle?.[1] !== undefined) s = angle[1].trim();
  if (/^mailto:/i.test(s)) s = s.slice(7);
  return s;
}

function isValidLocal(local: string): boolean {
  if (local.startsWith('"')) return QUOTED.test(local);
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return local.split('.').every((atom) => ATOM.test(atom));
}

/**
 * UTF-8 length as TextEncoder counts it (a lone surrogate becomes U+FFFD, 3 bytes), without making the bytes:
 * the send path checks each address several times, and encoding it each time was a measurable share.
 */
function utf8Length(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c <= 0xdbff && c >= 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: 4 bytes for 2 code units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** IDNA to ASCII through the platform's URL parser (WHATWG, UTS #46), then strict label checks. */
function toAsciiDomain(raw: string): string | null {
  let domain = raw.trim();
  if (domain.endsWith('.')) domain = domain.slice(0, -1);
  if (!domain || DOMAIN_FORBIDDEN.test(domain)) return null;
  let ascii: string;
  try {
    ascii = new URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
  if (ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2) return null;
  if (!labels.every((label) => LABEL.test(label))) return null;
  const tld = labels[labels.length - 1] ?? '';
  if (/^[0-9]+$/.test(tld)) return null; // also rules out dotted IPv4
  return ascii;
}

// Recipients share domains (a list holds a few hundred companies), and the URL parser is the dearest part of
// an address check. Domains longer than any valid one are not remembered: they fail anyway, and cost no memory.
const MEMO_DOMAIN_LENGTH = 300;
const rememberedDomain = boundedMemo(toAsciiDomain, 4096);

/** IDNA to ASCII through the platform's URL parser (WHATWG, UTS #46), then strict label checks. */
export function normalizeDomain(raw: string): string | null {
  return raw.length <= MEMO_DOMAIN_LENGTH ? rememberedDomain(raw) : toAsciiDomain(raw);
}

export function checkEmail(raw: string): EmailCheck {
  if (CONTROL.test(raw)) return fail('control-chars');
  const s = unwrap(raw);
  if (!s) return fail('empty');
  const at = s.lastIndexOf('@');
  if (at < 0) return fail('no-at');
  const localRaw = s.slice(0, at);
  const domainRaw = s.slice(at + 1);
  if (domainRaw.startsWith('[')) return fail('domain-literal');
  if (!localRaw || !isValidLocal(localRaw)) return fail('bad-local');
  if (utf8Length(localRaw) > 64) return fail('local-too-long');
  const domain = normalizeDomain(domainRaw);
  if (!domain) return fail('bad-domain');
  const local = localRaw.startsWith('"') ? localRaw : localRaw.toLowerCase();
  const address = `${local}@${domain}`;
  if (utf8Length(address) > 254) return fail('too-long');
  return { ok: true, address, local, domain };
}

/** The normal form, or null when the address is invalid. */
export function normalizeEmail(raw: string): string | null {
  const check = checkEmail(raw);
  return check.ok ? check.address : null;
}
