import { describe, expect, it } from 'vitest';
import {
  type BreakerEvent,
  DEFAULT_THRESHOLDS,
  evaluateBreaker,
  isComplaintReply,
  parseArfReport,
  rollingCounts,
  tightenThresholds,
} from './breakers';

describe('evaluateBreaker with the default thresholds', () => {
  it.each<[string, number, number, number, 'ok' | 'warn' | 'paused', string[]]>([
    ['too few sends to judge, however bad', 19, 10, 5, 'ok', []],
    ['clean mailbox', 1000, 10, 0, 'ok', []],
    ['bounces at 2% warn', 1000, 20, 0, 'warn', ['bounce-rate-warning']],
    ['bounces just under 4% still warn', 1000, 39, 0, 'warn', ['bounce-rate-warning']],
    ['bounces at 4% pause', 1000, 40, 0, 'paused', ['bounce-rate-paused']],
    ['complaints at 0.1% warn', 1000, 0, 1, 'warn', ['complaint-rate-warning']],
    ['complaints at 0.3% pause', 1000, 0, 3, 'paused', ['complaint-rate-paused']],
    ['one complaint in 20 sends pauses', 20, 0, 1, 'paused', ['complaint-rate-paused']],
    ['both, the pause wins', 1000, 25, 5, 'paused', ['bounce-rate-warning', 'complaint-rate-paused']],
  ])('%s', (_, sends, hardBounces, complaints, state, codes) => {
    const result = evaluateBreaker({ sends, hardBounces, complaints }, DEFAULT_THRESHOLDS);
    expect(result.state).toBe(state);
    expect(result.reasons.map((r) => r.code)).toEqual(codes);
    expect(result.judged).toBe(sends >= 20);
  });

  it('says why it paused and how to resume', () => {
    const { reasons } = evaluateBreaker({ sends: 200, hardBounces: 10, complaints: 0 });
    expect(reasons[0]?.message).toBe(
      'Paused: The hard-bounce rate (10 of 200 emails) in the last 30 days is 5.0%, over the pause limit of 4.0%.',
    );
    expect(reasons[0]?.fix).toContain('press Resume after the fix on the mailbox');
    expect(reasons[0]?.fix).toContain('after 20 sends');
  });
});

describe('rollingCounts', () => {
  const DAY = 86_400_000;
  const now = 100 * DAY;
  const events: BreakerEvent[] = [
    { at: now - 31 * DAY, type: 'hard-bounce' }, // outside the 30-day window
    { at: now - 29 * DAY, type: 'sent' },
    { at: now - 10 * DAY, type: 'hard-bounce' },
    { at: now - 1 * DAY, type: 'sent' },
    { at: now - 1 * DAY, type: 'complaint' },
  ];
  it.each([
    ['the last 30 days', undefined, { sends: 2, hardBounces: 1, complaints: 1 }],
    ['afresh since a resume', now - 5 * DAY, { sends: 1, hardBounces: 0, complaints: 1 }],
  ])('%s', (_, since, expected) => {
    expect(rollingCounts(events, { now, since })).toEqual(expected);
  });
});

describe('tightenThresholds', () => {
  it.each<[string, Record<string, number>, Partial<typeof DEFAULT_THRESHOLDS>, string[]]>([
    [
      'stricter rates are taken',
      { bouncePause: 0.03, complaintWarn: 0.0005 },
      { bouncePause: 0.03, complaintWarn: 0.0005 },
      [],
    ],
    [
      'a looser pause is refused',
      { bouncePause: 0.1 },
      { bouncePause: 0.04 },
      ['threshold-loosening-refused'],
    ],
    ['judging later is looser', { minSends: 50 }, { minSends: 20 }, ['threshold-loosening-refused']],
    ['judging sooner is stricter', { minSends: 10 }, { minSends: 10 }, []],
    [
      'nonsense is refused',
      { bounceWarn: Number.NaN, minSends: 0.5 },
      { bounceWarn: 0.02, minSends: 20 },
      ['threshold-loosening-refused', 'threshold-loosening-refused'],
    ],
    [
      'zero would pause on nothing',
      { complaintPause: 0 },
      { complaintPause: 0.003 },
      ['threshold-loosening-refused'],
    ],
    [
      'a warning never comes after the pause',
      { bouncePause: 0.01 },
      { bounceWarn: 0.01, bouncePause: 0.01 },
      [],
    ],
  ])('%s', (_, overrides, expected, codes) => {
    const { thresholds, reasons } = tightenThresholds(DEFAULT_THRESHOLDS, overrides);
    expect(thresholds).toMatchObject(expected);
    expect(reasons.map((r) => r.code)).toEqual(codes);
  });

  it('explains a refusal in a sentence', () => {
    const { reasons } = tightenThresholds(DEFAULT_THRESHOLDS, { bouncePause: 0.1 });
    expect(reasons[0]?.message).toBe(
      'The team setting bouncePause = 0.1 is looser than the default of 0.04; thresholds can only be made stricter, so 0.04 applies.',
    );
  });
});

describe('isComplaintReply', () => {
  it.each([
    ['Please unsubscribe me.', 'stop'],
    ['Stop emailing me!!', 'stop'],
    ['Remove me from your list', 'stop'],
    ['take me off this list', 'stop'],
    ['Do not contact me again.', 'stop'],
    ['Don’t email me', 'stop'],
    ['This is spam.', 'spam'],
    ['Reported as spam.', 'spam'],
    ["I've marked your emails as spam", 'spam'],
    ['Bitte abmelden.', 'stop'],
    ['Keine E-Mails mehr, danke.', 'stop'],
    ['Das ist Spam.', 'spam'],
    ['Merci de me désinscrire.', 'stop'],
    ['Retirez-moi de votre liste', 'stop'],
    ['C’est du spam', 'spam'],
    ['Por favor, darme de baja.', 'stop'],
    ['No me escriban más', 'stop'],
    ['Esto es spam', 'spam'],
    ['Not interested, thanks.', null],
    ['Sounds good — can we talk Tuesday?', null],
    ['We already use a spam filter vendor, but tell me more.', null],
    // Our own footer, quoted back in the reply, is not the lead asking to stop.
    [
      'Thanks, interested!\n\nOn Mon, 3 Feb 2025 Jane <jane@acme.com> wrote:\n> Unsubscribe: https://t.example/u/1',
      null,
    ],
    ['Sure, call me.\n> To unsubscribe click here', null],
    ['Yes please.\n\nFrom: Jane Doe <jane@acme.com>\nSent: Monday\nUnsubscribe here', null],
    ['Gerne.\n\nAm 3. Feb. 2025 schrieb Jane <jane@acme.com>:\nAbmelden', null],
  ])('%j → %s', (text, expected) => {
    expect(isComplaintReply(text)).toBe(expected);
  });
});

const arf = (feedbackType: string, reportType = 'feedback-report') =>
  [
    'From: staff@hotmail.com',
    'Subject: complaint about message from 192.0.2.1',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=${reportType};`,
    '\tboundary="part1_13d.2e68ed54_boundary"',
    '',
    '--part1_13d.2e68ed54_boundary',
    'Content-Type: text/plain; charset="US-ASCII"',
    '',
    'This is an email abuse report.',
    '',
    '--part1_13d.2e68ed54_boundary',
    'Content-Type: message/feedback-report',
    '',
    `Feedback-Type: ${feedbackType}`,
    'User-Agent: SomeGenerator/1.0',
    'Version: 1',
    'Original-Mail-From: <jane@acme.com>',
    'Original-Rcpt-To: <lead@example.net>',
    'Arrival-Date: Thu, 8 Mar 2005 14:00:00 EDT',
    '',
    '--part1_13d.2e68ed54_boundary',
    'Content-Type: message/rfc822',
    'Content-Disposition: inline',
    '',
    'From: <jane@acme.com>',
    'To: <lead@example.net>',
    'Subject: Quick question',
    'Message-ID: <8787KJKJ3K4J3K4J3K4J3.mail@acme.com>',
    '',
    'Hi there.',
    '',
    '--part1_13d.2e68ed54_boundary--',
    '',
  ].join('\r\n');

describe('parseArfReport', () => {
  it('reads the feedback type, the addresses and our original Message-ID (RFC 5965 example)', () => {
    expect(parseArfReport(arf('abuse'))).toEqual({
      feedbackType: 'abuse',
      complaint: true,
      userAgent: 'SomeGenerator/1.0',
      originalMailFrom: 'jane@acme.com',
      originalRcptTo: 'lead@example.net',
      originalMessageId: '<8787KJKJ3K4J3K4J3K4J3.mail@acme.com>',
    });
  });

  it.each([
    ['a not-spam report withdraws, it is no complaint', arf('not-spam'), { complaint: false }],
    ['LF line endings', arf('Abuse').replace(/\r\n/g, '\n'), { feedbackType: 'abuse', complaint: true }],
    ['a delivery status report is not ARF', arf('abuse', 'delivery-status'), null],
    ['a plain email is not ARF', 'Subject: hi\r\nContent-Type: text/plain\r\n\r\nunsubscribe', null],
  ])('%s', (_, raw, expected) => {
    const report = parseArfReport(raw);
    if (expected === null) expect(report).toBeNull();
    else expect(report).toMatchObject(expected);
  });
});
