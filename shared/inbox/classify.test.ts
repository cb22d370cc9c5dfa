import { describe, expect, it } from 'vitest';
import { type ClassifyContext, classifyInbound } from './classify';
import {
  arfReport,
  bodyOf,
  gmailDsn,
  mailtoUnsubscribe,
  postfixDsn,
  reply,
} from './testing/inbound-fixtures';

const OURS = '<fs.7f3a9c.1@acme.test>';
const LEAD = 'lee@example.test';
const ctx: ClassifyContext = {
  isOurMessage: (id) => id === OURS,
  unsubscribeMailto: 'unsubscribe@acme.test',
  ownAddresses: ['ana@acme.test'],
};

const classify = (raw: string, from: string | null, text = bodyOf(raw)) =>
  classifyInbound({ raw, text, from }, ctx);

const bounce = { type: 'bounce', address: LEAD, messageId: OURS, breaker: 'hard-bounce' };
const replied = { type: 'reply', address: LEAD, messageId: OURS };

describe('classifyInbound', () => {
  it.each([
    ['a Postfix DSN, 5.1.1', postfixDsn(OURS, LEAD), 'MAILER-DAEMON@mx.acme.test', 'dsn', [bounce]],
    [
      'a Gmail DSN with X-Original-Message-ID',
      gmailDsn(OURS, LEAD),
      'mailer-daemon@googlemail.com',
      'dsn',
      [bounce],
    ],
    [
      'a Postfix delay (4.4.1) changes nothing',
      postfixDsn(OURS, LEAD, '4.4.1'),
      'MAILER-DAEMON@mx.acme.test',
      'soft-bounce',
      [],
    ],
    [
      'a DSN for mail we did not send',
      postfixDsn('<other@acme.test>', LEAD),
      'MAILER-DAEMON@mx.acme.test',
      'not-ours',
      [],
    ],
    [
      'an ARF abuse report',
      arfReport(OURS, LEAD),
      'staff@hotmail.example',
      'arf',
      [{ type: 'complaint', address: LEAD, messageId: OURS, breaker: 'complaint' }],
    ],
    [
      'an ARF report with the recipient redacted',
      arfReport(OURS, LEAD, true),
      'staff@hotmail.example',
      'arf',
      [{ type: 'complaint', address: 'redacted@example.test', messageId: OURS, breaker: 'complaint' }],
    ],
    [
      'a reply whose quoted footer says "Unsubscribe" is only a reply',
      reply(OURS, LEAD, 'Sounds interesting, can we talk Tuesday?'),
      LEAD,
      'reply',
      [replied],
    ],
    [
      'a "please remove me" reply is a reply and an opt-out that counts as a complaint',
      reply(OURS, LEAD, 'Please remove me from your list.'),
      LEAD,
      'reply',
      [replied, { type: 'optout', address: LEAD, messageId: OURS, breaker: 'complaint' }],
    ],
    [
      'a "this is spam" reply is a reply and a complaint',
      reply(OURS, LEAD, 'This is spam. Reported.'),
      LEAD,
      'reply',
      [replied, { type: 'complaint', address: LEAD, messageId: OURS, breaker: 'complaint' }],
    ],
    [
      'a mailto: unsubscribe mail opts its sender out',
      mailtoUnsubscribe(LEAD, 'unsubscribe@acme.test'),
      LEAD,
      'mailto-unsubscribe',
      [{ type: 'optout', address: LEAD }],
    ],
    [
      'an out-of-office with Auto-Submitted is not a reply: it pauses the lead until its date',
      reply(
        OURS,
        LEAD,
        'I am out of the office until 3 December.',
        'Auto-Submitted: auto-replied\n',
        'Out of Office: Re: Quick question',
      ),
      LEAD,
      'out-of-office',
      [{ type: 'ooo', address: LEAD, messageId: OURS, returnsOn: '2026-12-03' }],
    ],
    [
      'an Exchange automatic reply known by its subject only',
      reply(OURS, LEAD, 'I am away.', '', 'Automatic reply: Quick question'),
      LEAD,
      'out-of-office',
      [{ type: 'ooo', address: LEAD, messageId: OURS }],
    ],
    [
      'X-Autoreply marks an auto-answer',
      reply(OURS, LEAD, 'Thanks, we got your mail.', 'X-Autoreply: yes\n'),
      LEAD,
      'auto-reply',
      [],
    ],
    [
      'Precedence: auto_reply marks an auto-answer',
      reply(OURS, LEAD, 'Away.', 'Precedence: auto_reply\n'),
      LEAD,
      'auto-reply',
      [],
    ],
    [
      'a reply to mail we did not send',
      reply('<someone-else@acme.test>', LEAD, 'Remove me'),
      LEAD,
      'unrelated',
      [],
    ],
    ['our own copy in the thread', reply(OURS, 'ana@acme.test', 'Following up'), 'ana@acme.test', 'own', []],
  ])('%s', (_name, raw, from, label, effects) => {
    expect(classify(raw, from)).toEqual({ label, effects });
  });

  it('an unsubscribe word sent to the rep (not the unsubscribe address) and not in reply is unrelated', () => {
    const raw = mailtoUnsubscribe(LEAD, 'ana@acme.test');
    expect(classify(raw, LEAD).label).toBe('unrelated');
  });

  it('a non-standard bounce quoting our headers with a permanent code', () => {
    const raw = [
      'From: MAILER-DAEMON@old.example.test',
      'To: ana@acme.test',
      'Subject: failure notice',
      '',
      "Hi. This is the qmail-send program. I'm afraid I wasn't able to deliver your message.",
      `<${LEAD}>:`,
      '192.0.2.10 does not like recipient.',
      'Remote host said: 550 5.1.1 mailbox unavailable',
      '',
      '--- Below this line is a copy of the message.',
      '',
      'From: ana@acme.test',
      `To: ${LEAD}`,
      `Message-ID: ${OURS}`,
      'Subject: Quick question',
      '',
    ].join('\r\n');
    expect(classify(raw, 'MAILER-DAEMON@old.example.test', raw)).toEqual({
      label: 'bounce-text',
      effects: [bounce],
    });
  });
});
