import type { MailboxKind } from '../mailboxes/mailbox';
import { judged, type Reason, reason, type StepResult } from './reasons';
import { DnsFailingError } from './resolver-health';

export { createDnsCache, type DnsCache } from './dns-cache';

import type { MxAnswer } from './recipient';

/**
 * TXT lookups through an adapter (electron/main/dns/resolver.ts). Each record comes as its
 * character-strings, as on the wire (a string over 255 bytes is split); we join them (RFC 7208 §3.3).
 * 'nxdomain' means the name does not exist; [] means it exists with no TXT; a DNS failure throws.
 */
export interface DnsTxt {
  txt(name: string): Promise<string[][] | 'nxdomain'>;
}
export interface DnsMx {
  mx(domain: string): Promise<MxAnswer>;
}

export type ConsumerProvider = 'google' | 'microsoft' | 'yahoo' | 'apple' | 'other';

const CONSUMER: Readonly<Record<string, ConsumerProvider>> = {
  'gmail.com': 'google',
  'googlemail.com': 'google',
  'msn.com': 'microsoft',
  'passport.com': 'microsoft',
  'windowslive.com': 'microsoft',
  'ymail.com': 'yahoo',
  'rocketmail.com': 'yahoo',
  'icloud.com': 'apple',
  'me.com': 'apple',
  'mac.com': 'apple',
};
const CONSUMER_OTHER = ['aol.com', 'aim.com', 'web.de', 'proton.me', 'protonmail.com', 'pm.me', 'mail.ru'];
// Brands with one consumer domain per country: hotmail.co.uk, outlook.de, yahoo.fr, gmx.net …
const CONSUMER_FAMILY = /^(hotmail|outlook|live|yahoo|gmx|yandex)\.(?:[a-z]{2,3}|(?:co|com)\.[a-z]{2})$/;

/** Which consumer mail service a domain belongs to, or null for a custom (company) domain. */
export function consumerProvider(domain: string): ConsumerProvider | null {
  const d = domain.toLowerCase();
  const known = CONSUMER[d];
  if (known) return known;
  if (CONSUMER_OTHER.includes(d)) return 'other';
  const family = CONSUMER_FAMILY.exec(d)?.[1];
  if (family === 'hotmail' || family === 'outlook' || family === 'live') return 'microsoft';
  if (family === 'yahoo') return 'yahoo';
  return family ? 'other' : null;
}

const PROVIDER_SPF: Record<MailboxKind, string | undefined> = {
  gmail: 'include:_spf.google.com',
  outlook: 'include:spf.protection.outlook.com',
  smtp: undefined,
};
export const PROVIDER_DKIM_SELECTORS: Readonly<Record<MailboxKind, readonly string[]>> = {
  gmail: ['google'],
  outlook: ['selector1', 'selector2'],
  smtp: [],
};

export interface SenderAuthInput {
  /** The From address's domain, normalised (ASCII). */
  domain: string;
  kind: MailboxKind;
  /** Selectors the user entered (e.g. an SMTP relay's), tried after the provider's own. */
  dkimSelectors?: readonly string[];
  /** For SMTP: the SPF terms that authorise the user's server, e.g. "include:mailgun.org" or "ip4:203.0.113.5". */
  smtpSpf?: readonly string[];
}

export interface SenderAuthResult extends StepResult {
  consumer: ConsumerProvider | null;
  dkimSelector?: string;
  dmarc?: { policy: string; adkim: 'relaxed' | 'strict'; aspf: 'relaxed' | 'strict'; record: string };
}

const SPF_LOOKUP_LIMIT = 10; // RFC 7208 §4.6.4

/**
 * Gate step 4: can mail from this domain pass SPF, DKIM and DMARC? Consumer domains pass (the provider
 * signs); a custom domain needs all three records, or the send blocks with the exact record to add.
 * A DNS failure blocks too (fail closed); the gate retries later.
 */
export async function checkSenderAuth(input: SenderAuthInput, dns: DnsTxt): Promise<SenderAuthResult> {
  const domain = input.domain.toLowerCase();
  const consumer = consumerProvider(domain);
  if (consumer) return checkConsumer(domain, consumer, input.kind);
  try {
    const [spf, dkim, dmarc] = await Promise.all([
      checkSpf(domain, input, dns),
      checkDkim(domain, input, dns),
      checkDmarc(domain, dns),
    ]);
    const found = judged(...spf.reasons, ...dkim.reasons, ...dmarc.reasons);
    return { ...found, consumer: null, dkimSelector: dkim.selector, dmarc: dmarc.dmarc };
  } catch (error) {
    const failing = error instanceof DnsFailingError;
    const why = failing
      ? reason('dns-failing', { domain })
      : reason('dns-unavailable', { domain, lookup: 'sender-records' });
    return { ...judged(why), consumer: null };
  }
}

function checkConsumer(domain: string, consumer: ConsumerProvider, kind: MailboxKind): SenderAuthResult {
  const mismatch =
    (kind === 'gmail' && consumer !== 'google') || (kind === 'outlook' && consumer !== 'microsoft');
  if (!mismatch) return { verdict: 'ok', reasons: [], consumer };
  return { ...judged(reason('consumer-domain-mismatch', { domain })), consumer };
}

type Part = StepResult & { selector?: string; dmarc?: SenderAuthResult['dmarc'] };
const ok = (extra: Partial<Part> = {}): Part => ({ verdict: 'ok', reasons: [], ...extra });
const one = (found: Reason, extra: Partial<Part> = {}): Part => ({ ...judged(found), ...extra });

async function records(dns: DnsTxt, name: string, prefix: RegExp): Promise<string[]> {
  const answer = await dns.txt(name);
  if (answer === 'nxdomain') return [];
  return answer.map((chunks) => chunks.join('')).filter((r) => prefix.test(r));
}

const SPF_PREFIX = /^v=spf1(\s|$)/i;

async function checkSpf(domain: string, input: SenderAuthInput, dns: DnsTxt): Promise<Part> {
  const needles = input.kind === 'smtp' ? [...(input.smtpSpf ?? [])] : [PROVIDER_SPF[input.kind]!];
  const example = needles[0] ?? 'include:<your SMTP provider’s SPF domain>';
  const found = await records(dns, domain, SPF_PREFIX);
  if (found.length === 0) {
    return one(reason('spf-missing', { domain, example }));
  }
  if (found.length > 1) {
    return one(reason('spf-multiple', { domain, count: found.length }));
  }
  const record = found[0]!;
  const terms = record.split(/\s+/).slice(1);
  if (terms.some((t) => /^\+?all$/i.test(t))) {
    return one(reason('spf-allows-all', { domain }));
  }
  if (needles.length === 0) {
    return one(reason('spf-sender-unknown', { domain }));
  }
  if (!(await authorises(dns, terms, needles, { lookups: 0 }))) {
    return one(reason('spf-sender-missing', { domain, example }));
  }
  return ok();
}

/** Whether the record (or what it includes or redirects to, within SPF's lookup limit) names a needle. */
async function authorises(
  dns: DnsTxt,
  terms: string[],
  needles: string[],
  budget: { lookups: number },
): Promise<boolean> {
  // A bare host ("mailgun.org") means its include.
  const wanted = needles.flatMap((n) => [n.toLowerCase(), `include:${n.toLowerCase()}`]);
  for (const term of terms) {
    const mech = term.toLowerCase().replace(/^[+?~-]/, '');
    if (wanted.includes(mech) || wanted.includes(`include:${mech.replace(/^redirect=/, '')}`)) return true;
    const target = /^(?:include:|redirect=)(.+)$/.exec(mech)?.[1];
    if (!target || ++budget.lookups > SPF_LOOKUP_LIMIT) continue;
    const [nested] = await records(dns, target, SPF_PREFIX);
    if (nested && (await authorises(dns, nested.split(/\s+/).slice(1), needles, budget))) return true;
  }
  return false;
}

function tags(record: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of record.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) map.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).replace(/\s+/g, ''));
  }
  return map;
}

async function checkDkim(domain: string, input: SenderAuthInput, dns: DnsTxt): Promise<Part> {
  const selectors = [...new Set([...PROVIDER_DKIM_SELECTORS[input.kind], ...(input.dkimSelectors ?? [])])]
    .map((s) => s.trim().toLowerCase())
    .filter((s) => /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(s));
  const answers = await Promise.all(selectors.map((s) => records(dns, `${s}._domainkey.${domain}`, /p=/i)));
  const index = answers.findIndex((recs) =>
    recs.some((r) => {
      const t = tags(r);
      // RFC 6376 §3.6.1: v= is optional but must be DKIM1 when present; an empty p= is a revoked key.
      return (t.get('v') ?? 'DKIM1') === 'DKIM1' && (t.get('p') ?? '') !== '';
    }),
  );
  if (index >= 0) return ok({ selector: selectors[index] });
  // Only an SMTP mailbox can have no selector to try: Gmail and Outlook have their providers' own.
  if (selectors.length === 0) return one(reason('dkim-selector-unknown', { domain }));
  return one(reason('dkim-missing', { domain, kind: input.kind, selectors }));
}

const DMARC_PREFIX = /^v=DMARC1\s*(;|$)/i;

async function checkDmarc(domain: string, dns: DnsTxt): Promise<Part> {
  let found = await records(dns, `_dmarc.${domain}`, DMARC_PREFIX);
  let inherited = false;
  // RFC 7489 §6.6.3: a subdomain without a record falls back to its organisational domain's. Approximated
  // as the last two labels (no public-suffix list); a wrong guess like co.uk finds no record, which is safe.
  const labels = domain.split('.');
  if (found.length === 0 && labels.length > 2) {
    found = await records(dns, `_dmarc.${labels.slice(-2).join('.')}`, DMARC_PREFIX);
    inherited = found.length > 0;
  }
  if (found.length === 0) return one(reason('dmarc-missing', { domain }));
  if (found.length > 1) return one(reason('dmarc-multiple', { domain, count: found.length }));
  const record = found[0]!;
  const t = tags(record);
  const policy = ((inherited ? (t.get('sp') ?? t.get('p')) : t.get('p')) ?? '').toLowerCase();
  const mode = (v: string | undefined) =>
    (v?.toLowerCase() === 's' ? 'strict' : 'relaxed') as 'strict' | 'relaxed';
  const dmarc = { policy, adkim: mode(t.get('adkim')), aspf: mode(t.get('aspf')), record };
  if (!['none', 'quarantine', 'reject'].includes(policy)) {
    return one(reason('dmarc-invalid', { domain }), { dmarc });
  }
  if (policy === 'none') {
    return one(reason('dmarc-policy-none', { domain }), { dmarc });
  }
  return ok({ dmarc });
}
