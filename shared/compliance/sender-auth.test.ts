import { describe, expect, it } from 'vitest';
import type { MailboxKind } from '../mailboxes/mailbox';
import { checkSenderAuth, consumerProvider, type DnsTxt } from './sender-auth';

type Zone = Record<string, string[] | 'nxdomain' | 'fail'>;

/** An in-memory zone: each string is one TXT record (split at 255 bytes, as DNS carries it). */
function zone(records: Zone): DnsTxt {
  return {
    async txt(name) {
      const r = records[name];
      if (r === 'fail') throw new Error('ETIMEOUT');
      if (r === 'nxdomain' || r === undefined) return 'nxdomain';
      return r.map((s) => s.match(/.{1,255}/gs) ?? ['']);
    },
  };
}

const KEY = `v=DKIM1; k=rsa; p=${'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'.repeat(9)}`; // > 255 bytes
const GOOD: Zone = {
  'acme.com': ['google-site-verification=abc', 'v=spf1 include:_spf.google.com ~all'],
  'google._domainkey.acme.com': [KEY],
  '_dmarc.acme.com': ['v=DMARC1; p=quarantine; rua=mailto:d@acme.com'],
};
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('checkSenderAuth', () => {
  it.each<[string, Zone, MailboxKind, 'ok' | 'warn' | 'block', string[]]>([
    ['Workspace domain with SPF, DKIM and DMARC', GOOD, 'gmail', 'ok', []],
    [
      'no SPF record',
      { ...GOOD, 'acme.com': ['google-site-verification=abc'] },
      'gmail',
      'block',
      ['spf-missing'],
    ],
    [
      'two SPF records',
      { ...GOOD, 'acme.com': ['v=spf1 include:_spf.google.com ~all', 'v=spf1 mx -all'] },
      'gmail',
      'block',
      ['spf-multiple'],
    ],
    [
      'SPF "+all"',
      { ...GOOD, 'acme.com': ['v=spf1 include:_spf.google.com +all'] },
      'gmail',
      'block',
      ['spf-allows-all'],
    ],
    [
      'SPF bare "all"',
      { ...GOOD, 'acme.com': ['v=spf1 include:_spf.google.com all'] },
      'gmail',
      'block',
      ['spf-allows-all'],
    ],
    [
      'SPF without Google',
      { ...GOOD, 'acme.com': ['v=spf1 mx ~all'] },
      'gmail',
      'warn',
      ['spf-sender-missing'],
    ],
    [
      'SPF naming Google through a nested include',
      {
        ...GOOD,
        'acme.com': ['v=spf1 include:_spf.acme.com -all'],
        '_spf.acme.com': ['v=spf1 include:_spf.google.com ~all'],
      },
      'gmail',
      'ok',
      [],
    ],
    [
      'SPF naming Google through redirect=',
      { ...GOOD, 'acme.com': ['v=spf1 redirect=_spf.google.com'] },
      'gmail',
      'ok',
      [],
    ],
    [
      'no DKIM key',
      { ...GOOD, 'google._domainkey.acme.com': 'nxdomain' },
      'gmail',
      'block',
      ['dkim-missing'],
    ],
    [
      'a revoked DKIM key (empty p=)',
      { ...GOOD, 'google._domainkey.acme.com': ['v=DKIM1; p='] },
      'gmail',
      'block',
      ['dkim-missing'],
    ],
    ['no DMARC record', { ...GOOD, '_dmarc.acme.com': 'nxdomain' }, 'gmail', 'block', ['dmarc-missing']],
    [
      'DMARC p=none',
      { ...GOOD, '_dmarc.acme.com': ['v=DMARC1; p=none'] },
      'gmail',
      'warn',
      ['dmarc-policy-none'],
    ],
    [
      'DMARC without a policy',
      { ...GOOD, '_dmarc.acme.com': ['v=DMARC1; rua=mailto:x@acme.com'] },
      'gmail',
      'block',
      ['dmarc-invalid'],
    ],
    ['DMARC p=reject', { ...GOOD, '_dmarc.acme.com': ['v=DMARC1; p=reject; adkim=s'] }, 'gmail', 'ok', []],
    [
      'nothing at all',
      { 'acme.com': [], 'google._domainkey.acme.com': 'nxdomain', '_dmarc.acme.com': 'nxdomain' },
      'gmail',
      'block',
      ['spf-missing', 'dkim-missing', 'dmarc-missing'],
    ],
    [
      'a DNS failure blocks until DNS answers',
      { ...GOOD, '_dmarc.acme.com': 'fail' },
      'gmail',
      'block',
      ['dns-unavailable'],
    ],
    [
      'Microsoft 365 with selector2 only',
      {
        'acme.com': ['v=spf1 include:spf.protection.outlook.com -all'],
        'selector2._domainkey.acme.com': [KEY],
        '_dmarc.acme.com': ['v=DMARC1; p=reject'],
      },
      'outlook',
      'ok',
      [],
    ],
    [
      'Microsoft 365 on a Google-configured domain',
      GOOD,
      'outlook',
      'block',
      ['spf-sender-missing', 'dkim-missing'],
    ],
    ['SMTP with no known selector', GOOD, 'smtp', 'block', ['spf-sender-unknown', 'dkim-selector-unknown']],
  ])('%s → %s', async (_, records, kind, verdict, expected) => {
    const result = await checkSenderAuth({ domain: 'acme.com', kind }, zone(records));
    expect(codes(result)).toEqual(expected);
    expect(result.verdict).toBe(verdict);
  });

  it('tells the rep exactly which record to add', async () => {
    const result = await checkSenderAuth(
      { domain: 'acme.com', kind: 'gmail' },
      zone({ 'acme.com': [], '_dmarc.acme.com': 'nxdomain' }),
    );
    expect(result.reasons.map((r) => r.fix)).toEqual([
      'Add a TXT record at acme.com with the value: v=spf1 include:_spf.google.com ~all',
      expect.stringContaining('TXT record at google._domainkey.acme.com'),
      'Add a TXT record at _dmarc.acme.com with the value: v=DMARC1; p=none; rua=mailto:dmarc-reports@acme.com',
    ]);
  });

  it('checks an SMTP relay through the SPF include and DKIM selector the user gave', async () => {
    const records = zone({
      'acme.com': ['v=spf1 include:mailgun.org ~all'],
      'mx._domainkey.acme.com': [KEY],
      '_dmarc.acme.com': ['v=DMARC1; p=quarantine; aspf=s'],
    });
    const result = await checkSenderAuth(
      { domain: 'acme.com', kind: 'smtp', smtpSpf: ['mailgun.org'], dkimSelectors: ['MX'] },
      records,
    );
    expect(result).toMatchObject({ verdict: 'ok', dkimSelector: 'mx' });
    expect(result.dmarc).toMatchObject({ policy: 'quarantine', aspf: 'strict', adkim: 'relaxed' });
  });

  it('uses the organisational domain’s DMARC (and its sp=) for a subdomain', async () => {
    const result = await checkSenderAuth(
      { domain: 'mail.acme.com', kind: 'gmail' },
      zone({
        'mail.acme.com': ['v=spf1 include:_spf.google.com ~all'],
        'google._domainkey.mail.acme.com': [KEY],
        '_dmarc.acme.com': ['v=DMARC1; p=reject; sp=none'],
      }),
    );
    expect(codes(result)).toEqual(['dmarc-policy-none']);
  });

  it.each<[string, MailboxKind, 'ok' | 'block']>([
    ['gmail.com', 'gmail', 'ok'],
    ['googlemail.com', 'smtp', 'ok'],
    ['hotmail.co.uk', 'outlook', 'ok'],
    ['outlook.com', 'gmail', 'block'], // an Outlook address sent through Google fails DMARC
  ])('consumer domain %s through %s → %s, without DNS', async (domain, kind, verdict) => {
    const noDns: DnsTxt = { txt: () => Promise.reject(new Error('must not be called')) };
    const result = await checkSenderAuth({ domain, kind }, noDns);
    expect(result.verdict).toBe(verdict);
  });
});

describe('consumerProvider', () => {
  it.each([
    ['gmail.com', 'google'],
    ['googlemail.com', 'google'],
    ['outlook.com', 'microsoft'],
    ['outlook.de', 'microsoft'],
    ['hotmail.fr', 'microsoft'],
    ['live.com', 'microsoft'],
    ['msn.com', 'microsoft'],
    ['yahoo.co.jp', 'yahoo'],
    ['yahoo.com', 'yahoo'],
    ['icloud.com', 'apple'],
    ['gmx.net', 'other'],
    ['acme.com', null],
    ['hotmail-sales.com', null],
    ['mail.gmail.com.evil.io', null],
  ])('%s → %s', (domain, expected) => {
    expect(consumerProvider(domain)).toBe(expected);
  });
});
