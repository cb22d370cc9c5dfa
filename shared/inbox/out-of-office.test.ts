import { describe, expect, it } from 'vitest';
import { type ClassifyContext, classifyInbound } from './classify';
import { returnDateOf } from './return-date';
import { bodyOf, reply } from './testing/inbound-fixtures';

// Out-of-office replies as Outlook/Exchange, Gmail's vacation responder and German, French and Spanish
// mail clients send them: each pauses the lead (`ooo`), with the return date when the text states one.

const OURS = '<fs.7f3a9c.1@acme.test>';
const LEAD = 'lee@example.test';
const ctx: ClassifyContext = {
  isOurMessage: (id) => id === OURS,
  unsubscribeMailto: 'unsubscribe@acme.test',
  ownAddresses: ['ana@acme.test'],
};
/** the fixtures' Date: Thursday 26 November 2026 */
const RECEIVED = Date.UTC(2026, 10, 26, 14);

const classify = (raw: string, from: string | null = LEAD) =>
  classifyInbound({ raw, text: bodyOf(raw), from, receivedAt: RECEIVED }, ctx);
const away = (returnsOn?: string) => ({
  label: 'out-of-office',
  effects: [{ type: 'ooo', address: LEAD, messageId: OURS, ...(returnsOn ? { returnsOn } : {}) }],
});

describe('out-of-office replies', () => {
  it.each([
    [
      'Outlook (English), X-Auto-Response-Suppress and Auto-Submitted',
      reply(
        OURS,
        LEAD,
        'Thank you for your email. I am out of the office and will be back on 12 January. For urgent matters contact kim@example.test.',
        'Auto-Submitted: auto-generated\nX-Auto-Response-Suppress: All\n',
        'Automatic reply: Quick question about your onboarding',
      ),
      away('2027-01-12'),
    ],
    [
      'Gmail vacation responder, an ISO date',
      reply(
        OURS,
        LEAD,
        'I am on vacation and will return on 2026-12-07 with limited access to email.',
        'Auto-Submitted: auto-replied\n',
        'Vacation',
      ),
      away('2026-12-07'),
    ],
    [
      'German Abwesenheitsnotiz, day.month.',
      reply(
        OURS,
        LEAD,
        'Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 11.01. nicht im Büro und ab dem 12.01. wieder erreichbar.',
        'Auto-Submitted: auto-replied\n',
        'Abwesenheitsnotiz: Quick question',
      ),
      away('2027-01-11'),
    ],
    [
      'German, "zurück am" with a month name',
      reply(
        OURS,
        LEAD,
        'Ich bin im Urlaub und zurück am 4. Dezember 2026.',
        'X-Autoreply: yes\n',
        'Abwesenheit',
      ),
      away('2026-12-04'),
    ],
    [
      'French réponse automatique',
      reply(
        OURS,
        LEAD,
        'Je suis absent du bureau, de retour le 12 janvier. En cas d’urgence, contactez Kim.',
        'Auto-Submitted: auto-replied\n',
        'Réponse automatique : Quick question',
      ),
      away('2027-01-12'),
    ],
    [
      'Spanish respuesta automática',
      reply(
        OURS,
        LEAD,
        'Estoy fuera de la oficina. Estaré de vuelta el 12 de enero de 2027.',
        'Auto-Submitted: auto-replied\n',
        'Respuesta automática: Quick question',
      ),
      away('2027-01-12'),
    ],
    [
      'English, "Month day" order',
      reply(
        OURS,
        LEAD,
        'Out of office until December 9th, 2026.',
        'Auto-Submitted: auto-replied\n',
        'Out of Office',
      ),
      away('2026-12-09'),
    ],
    [
      'an absence with no date: a few business days, decided when applied',
      reply(OURS, LEAD, 'I am away from the office with limited access to email.', '', 'Automatic reply: Hi'),
      away(),
    ],
  ])('%s', (_name, raw, expected) => {
    expect(classify(raw)).toEqual(expected);
  });

  it('an auto-answer that is no absence (a ticket receipt) changes nothing, and is no reply', () => {
    const raw = reply(
      OURS,
      LEAD,
      'Thanks, we got your mail. Ticket #4411.',
      'Auto-Submitted: auto-replied\n',
    );
    expect(classify(raw)).toEqual({ label: 'auto-reply', effects: [] });
  });

  it('a human reply that mentions a holiday is a reply, never a pause', () => {
    const raw = reply(OURS, LEAD, 'Sounds good, but I am on holiday until 12 January. Talk then?');
    expect(classify(raw).effects.map((e) => e.type)).toEqual(['reply']);
  });
});

describe('only inbound mail from the lead counts', () => {
  it('our own follow-up in the Sent folder, quoting our earlier step, is never a reply', () => {
    const copy = reply(
      OURS,
      'ana@acme.test',
      'Hi Lee, following up on my note below.',
      '',
      'Re: Quick question',
    );
    expect(classify(copy, 'ana@acme.test')).toEqual({ label: 'own', effects: [] });
    expect(classify(copy, 'Ana@Acme.TEST')).toEqual({ label: 'own', effects: [] });
  });

  it('our own vacation responder answering in the thread is never an out-of-office of the lead', () => {
    const raw = reply(
      OURS,
      'ana@acme.test',
      'I am out of the office until 12 January.',
      'Auto-Submitted: auto-replied\n',
      'Out of Office',
    );
    expect(classify(raw, 'ana@acme.test')).toEqual({ label: 'own', effects: [] });
  });
});

describe('returnDateOf', () => {
  it.each([
    ['I will be back on 12 January.', '2027-01-12'],
    ['Returning Monday, January 4th.', '2027-01-04'],
    ['I return on 2026-01-12.', null], // in the past
    ['back 03/12/2026', '2026-12-03'],
    ['zurück am 12.01.', '2027-01-12'],
    ['Ich bin ab dem 30.11.2026 wieder im Büro.', '2026-11-30'],
    ['de retour le 1er décembre', '2026-12-01'],
    ['Regreso el 15 de diciembre.', '2026-12-15'],
    ['I was out on 20 November.', null], // no "back" cue
    ['back on 31 February', null],
    ['Out of office. Call Kim on 555 1234.', null],
  ])('%s → %s', (text, expected) => {
    const day = returnDateOf(text, RECEIVED);
    const iso = day
      ? `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`
      : null;
    expect(iso).toBe(expected);
  });
});
