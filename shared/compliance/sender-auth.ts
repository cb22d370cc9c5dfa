import type { Reason, StepResult } from './reasons';

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

/** The mailbox kinds of the `mailboxes` collection. */
export type MailboxKind = 'gmail' | 'outlook' | 'smtp';
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
    const reasons = [...spf.reasons, ...dkim.reasons, ...dmarc.reasons];
    const all = [spf.verdict, dkim.verdict, dmarc.verdict];
    const verdict = all.includes('block') ? 'block' : all.includes('warn') ? 'warn' : 'ok';
    return { verdict, reasons, consumer: null, dkimSelector: dkim.selector, dmarc: dmarc.dmarc };
  } catch {
    return {
      verdict: 'block',
      consumer: null,
      reasons: [
        {
          code: 'dns-unavailable',
          message: `Fairsend could not read the DNS records of ${domain} to check SPF, DKIM and DMARC.`,
          fix: 'Nothing to change: sending waits and checks again when DNS answers.',
        },
      ],
    };
  }
}

function checkConsumer(domain: string, consumer: ConsumerProvider, kind: MailboxKind): SenderAuthResult {
  const mismatch =
    (kind === 'gmail' && consumer !== 'google') || (kind === 'outlook' && consumer !== 'microsoft');
  if (!mismatch) return { verdict: 'ok', reasons: [], consumer };
  return {
    verdict: 'block',
    consumer,
    reasons: [
      {
        code: 'consumer-domain-mismatch',
        message: `Mail from an @${domain} address only passes authentication when it goes through that provider's own servers.`,
        fix: `Connect the @${domain} mailbox itself, or send from an address of this mailbox's own domain.`,
      },
    ],
  };
}

type Part = StepResult & { selector?: string; dmarc?: SenderAuthResult['dmarc'] };
const ok = (extra: Partial<Part> = {}): Part => ({ verdict: 'ok', reasons: [], ...extra });
const one = (verdict: 'warn' | 'block', reason: Reason, extra: Partial<Part> = {}): Part => ({
  verdict,
  reasons: [reason],
  ...extra,
});

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
    return one('block', {
      code: 'spf-missing',
      message: `${domain} has no SPF record, so receiving servers cannot tell which servers may send its mail.`,
      fix: `Add a TXT record at ${domain} with the value: v=spf1 ${example} ~all`,
    });
  }
  if (found.length > 1) {
    return one('block', {
      code: 'spf-multiple',
      message: `${domain} has ${found.length} SPF records; with more than one, every SPF check fails (RFC 7208).`,
      fix: `Merge them into one TXT record at ${domain} that starts with v=spf1.`,
    });
  }
  const record = found[0]!;
  const terms = record.split(/\s+/).slice(1);
  if (terms.some((t) => /^\+?all$/i.test(t))) {
    return one('block', {
      code: 'spf-allows-all',
      message: `The SPF record of ${domain} ends in "+all", which lets any server on the internet send as ${domain}.`,
      fix: `Replace "+all" with "~all" in the SPF record at ${domain}.`,
    });
  }
  if (needles.length === 0) {
    return one('warn', {
      code: 'spf-sender-unknown',
      message: `Fairsend cannot tell whether the SPF record of ${domain} allows your SMTP server.`,
      fix: 'Enter the SPF include of your SMTP provider in this mailbox’s settings, so it can be checked.',
    });
  }
  if (!(await authorises(dns, terms, needles, { lookups: 0 }))) {
    return one('warn', {
      code: 'spf-sender-missing',
      message: `The SPF record of ${domain} does not list your mail provider, so SPF fails and only DKIM vouches for your mail.`,
      fix: `Add ${example} to the SPF record at ${domain}, before the "all" term.`,
    });
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
  const fixes: Record<MailboxKind, string> = {
    gmail: `In the Google Admin console (Apps → Google Workspace → Gmail → Authenticate email), generate a DKIM key, publish it as a TXT record at google._domainkey.${domain}, then click "Start authentication".`,
    outlook: `In the Microsoft Defender portal (Email authentication settings → DKIM), add the two CNAME records it shows for selector1._domainkey.${domain} and selector2._domainkey.${domain}, then enable signing.`,
    smtp:
      selectors.length === 0
        ? 'Enter your DKIM selector in this mailbox’s settings (your SMTP provider’s setup page names it, or read s= in the DKIM-Signature header of a message you sent).'
        : `Publish the DKIM TXT record your SMTP provider gives you at ${selectors[0]}._domainkey.${domain}.`,
  };
  return one('block', {
    code: selectors.length === 0 ? 'dkim-selector-unknown' : 'dkim-missing',
    message:
      selectors.length === 0
        ? `Fairsend cannot check the DKIM signature of ${domain} without knowing its selector.`
        : `${domain} publishes no DKIM key (looked at ${selectors.map((s) => `${s}._domainkey`).join(', ')}), so its mail is unsigned.`,
    fix: fixes[input.kind],
  });
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
  const fix = `Add a TXT record at _dmarc.${domain} with the value: v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}`;
  if (found.length !== 1) {
    return one('block', {
      code: found.length === 0 ? 'dmarc-missing' : 'dmarc-multiple',
      message:
        found.length === 0
          ? `${domain} has no DMARC record; Gmail and Yahoo expect one from anyone who sends in volume.`
          : `${domain} has ${found.length} DMARC records, so receivers ignore them all.`,
      fix: found.length === 0 ? fix : `Keep exactly one TXT record at _dmarc.${domain}.`,
    });
  }
  const record = found[0]!;
  const t = tags(record);
  const policy = ((inherited ? (t.get('sp') ?? t.get('p')) : t.get('p')) ?? '').toLowerCase();
  const mode = (v: string | undefined) =>
    (v?.toLowerCase() === 's' ? 'strict' : 'relaxed') as 'strict' | 'relaxed';
  const dmarc = { policy, adkim: mode(t.get('adkim')), aspf: mode(t.get('aspf')), record };
  if (!['none', 'quarantine', 'reject'].includes(policy)) {
    return one(
      'block',
      {
        code: 'dmarc-invalid',
        message: `The DMARC record of ${domain} has no valid policy (p=none, quarantine or reject).`,
        fix,
      },
      { dmarc },
    );
  }
  if (policy === 'none') {
    return one(
      'warn',
      {
        code: 'dmarc-policy-none',
        message: `The DMARC policy of ${domain} is p=none: it reports spoofing but does not stop it.`,
        fix: `Once the DMARC reports show only your own mail, change p=none to p=quarantine at _dmarc.${domain}.`,
      },
      { dmarc },
    );
  }
  return ok({ dmarc });
}
