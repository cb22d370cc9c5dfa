import { describe, expect, it } from 'vitest';
import { hasQuotedThread, hasThreadMarker } from './thread-markers';

describe('reply and forward markers in a subject', () => {
  it.each([
    'Re: our call',
    'RE: our call',
    're : our call',
    'Re[2]: our call',
    'RE(3): our call',
    'Re^2: our call',
    'Fwd: pricing',
    'FW: pricing',
    'AW: Angebot',
    'WG: Angebot',
    'SV: Offert',
    'VS: Tarjous',
    'VB: Offert',
    'Antw: Offerte',
    'Doorst: Offerte',
    'TR: Proposition',
    'RV: Propuesta',
    'RES: Proposta',
    'ENC: Proposta',
    'R: Preventivo',
    'I: Preventivo',
    'RIF: Preventivo',
    'Odp: Oferta',
    'YNT: Teklif',
    'İLT: Teklif',
    'ΑΠ: Προσφορά',
    'ΠΡΘ: Προσφορά',
    '回复：报价',
    '回覆: 報價',
    '转发：介绍',
    '返信: お見積もり',
    '転送: ご案内',
    '회신: 견적',
    '전달: 견적',
    'رد: عرض',
    '[Acme] Re: onboarding',
    '[EXTERNAL] RE: invoice',
    '(Globex) Fwd: review',
    '【社外】RE: ご提案',
    '📌 Re: our call',
    '  Re: our call',
    '\u200bRe: our call',
    '\ufeffFwd: pricing',
    'ＲＥ：ご提案',
    'Rе: our call', // Cyrillic е
    'FWD[2]: the deck',
    'RE: FW: Re: renewal',
  ])('%j is a marker', (subject) => {
    expect(hasThreadMarker(subject)).toBe(true);
  });

  it.each([
    'Regarding your Series B',
    'Re-org at Acme: who owns IT now?',
    'Quick question re: your hiring plan',
    'RE/MAX offices in Ohio',
    'AWS: your reserved instances',
    'VS Code extension for your API',
    'Antwerp warehouse opening',
    'Forward-looking pricing',
    'Trade show recap',
    'SVP intro: Fairsend',
    'Introduction: Fairsend <> Acme',
    '[Webinar] Scaling RevOps',
    'Response times at Vandelay',
    'Resolution for Q3: fewer tools',
    '',
  ])('%j is not a marker', (subject) => {
    expect(hasThreadMarker(subject)).toBe(false);
  });

  it('finishes on a hostile subject', () => {
    expect(hasThreadMarker(`${'[('.repeat(50_000)}x`)).toBe(false);
  });
});

describe('a quoted thread in a body', () => {
  it.each([
    ['Gmail', 'See below.\n\n---------- Forwarded message ---------\nFrom: Sam <sam@x.example>\nDate: Mon'],
    ['Outlook', 'Checking in.\n\n-----Original Message-----\nFrom: Sam\nSent: Monday\nSubject: Hi'],
    ['Outlook, German', 'Anbei.\n\n-----Ursprüngliche Nachricht-----\nVon: Jonas'],
    [
      'Outlook headers only',
      'Anbei.\n\nVon: Jonas Becker\nGesendet: Montag, 2. März 2026\nAn: Anna\nBetreff: AW: Schulungen',
    ],
    ['Apple Mail', 'See below.\n\nBegin forwarded message:\n\nFrom: Sam'],
    [
      'Gmail reply',
      'Bumping this.\n\nOn Tue, Mar 3, 2026 at 9:14 AM Sam Rivera <sam@x.example> wrote:\n> Hi',
    ],
    ['Thunderbird reply', 'Bumping this.\n\nOn 03/03/2026 09:14, Sam Rivera wrote:\n> Hi'],
    ['German reply', 'Nachfrage.\n\nAm 03.03.2026 um 09:14 schrieb Jonas Becker <j@x.example>:\n> Hallo'],
    ['French reply', 'Relance.\n\nLe mar. 3 mars 2026 à 09:14, Luis <l@x.example> a écrit :\n> Bonjour'],
    ['Spanish reply', 'Seguimiento.\n\nEl mar, 3 mar 2026 a las 9:14, Diego <d@x.example> escribió:\n> Hola'],
  ])('%s', (_, text) => {
    expect(hasQuotedThread(`Hi Dana,\n\n${text}`)).toBe(true);
  });

  it.each([
    ['a public post quoted', 'On LinkedIn last week you wrote:\n> Hiring is our biggest bottleneck.'],
    ['a forward mentioned in prose', 'Jordan forwarded me your note about the partner programme.'],
    ['a From: in prose', 'From: the team at Fairsend, with thanks.'],
    ['a subject line in prose', 'Subject: onboarding. That is what I want to ask about.'],
    ['dashes as a divider', 'Thanks,\nSam\n-----\nFairsend Ltd'],
  ])('not %s', (_, text) => {
    expect(hasQuotedThread(`Hi Dana,\n\n${text}`)).toBe(false);
  });
});
