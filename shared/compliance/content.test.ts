import { describe, expect, it } from 'vitest';
import { assessContent, type ContentInput } from './content';
import { reasonWithDetail } from './reasons';
import { SPAM_PHRASE_GROUPS } from './spam-phrases';

const TEXT =
  'Hi Dana,\n\nI saw Acme just opened an office in Denver. Teams your size usually spend the first month of ' +
  'every new hire chasing laptops and accounts.\n\nWe helped Northwind cut that to two days: ' +
  'https://fairsend.example/northwind\n\nWorth a 15-minute chat next week?\n\nBest,\nSam';
const HTML =
  '<p>Hi Dana,</p><p>I saw Acme just opened an office in Denver. Teams your size usually spend the first month of ' +
  'every new hire chasing laptops and accounts.</p><p>We helped Northwind cut that to two days. Here is the ' +
  '<a href="https://fairsend.example/northwind">short case study</a>.</p><p>Worth a 15-minute chat next week?</p>' +
  '<p>Best,<br>Sam</p>';
const base: ContentInput = {
  subject: 'Laptops for new hires at Acme',
  html: HTML,
  text: TEXT,
  isFirstTouch: true,
};
const assess = (over: Partial<ContentInput>) => assessContent({ ...base, ...over });
const codes = (over: Partial<ContentInput>) => assess(over).reasons.map((r) => r.code);
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i % 50}`).join(' ');

describe('good cold emails pass', () => {
  it.each<[string, Partial<ContentInput>]>([
    ['the baseline, HTML and text', {}],
    ['plain text only', { html: '', text: TEXT }],
    [
      'a follow-up threaded as a reply',
      {
        subject: 'Re: Laptops for new hires at Acme',
        isFirstTouch: false,
        html: '',
        text: 'Hi Dana, any thoughts on this? Happy to send the Northwind numbers. Sam',
      },
    ],
    [
      'a congratulations opener with a number',
      {
        subject: 'Congrats on the Series B',
        html: '',
        text: "Hi Lee, congratulations on the raise. When teams grow 40% in a year, onboarding usually breaks first. We cut Northwind's from 30 days to 2. Open to a quick call on Thursday? Sam",
      },
    ],
    [
      'a signature logo and a calendar link',
      {
        html: `${HTML}<p><img src="https://fairsend.example/logo.png" alt="Fairsend" width="80"></p><p><a href="https://cal.com/sam">Book 15 minutes</a></p>`,
      },
    ],
    [
      'a white button on a coloured background',
      {
        html: `${HTML}<a href="https://fairsend.example/demo" style="background:#0b5fff;color:#ffffff;padding:8px">See the demo</a>`,
      },
    ],
    [
      'link text naming the same site',
      { html: `${HTML}<p><a href="https://www.fairsend.example/">fairsend.example</a></p>` },
    ],
    ['hiding rules in a <style> block (not inline)', { html: `<style>.mobile{display:none}</style>${HTML}` }],
  ])('%s', (_, over) => {
    const result = assess(over);
    expect(result.reasons).toEqual([]);
    expect(result).toMatchObject({ score: 0, verdict: 'ok' });
  });
});

describe('rules: a text that trips each, and a near miss that does not', () => {
  it.each<[string, Partial<ContentInput>, Partial<ContentInput>]>([
    ['header-injection', { subject: 'Hi {{first}}\r\nBcc: all@example.com' }, { subject: 'Hi Dana' }],
    ['header-nul', { subject: 'Hi\0' }, { subject: 'Hi 0' }],
    ['header-too-long', { subject: 'a '.repeat(600) }, { subject: 'a '.repeat(40) }],
    ['body-nul', { text: 'Hi\0there' }, { text: 'Hi there' }],
    ['body-too-large', { html: `<p>${'x'.repeat(100_001)}</p>` }, { html: `<p>${'x'.repeat(90_000)}</p>` }],
    ['subject-empty', { subject: '  ' }, { subject: 'Hi' }],
    ['subject-long', { subject: 'Onboarding '.repeat(10) }, { subject: 'Onboarding at Acme' }],
    ['deceptive-subject', { subject: 'Re: our call' }, { subject: 'Regarding our call' }],
    ['deceptive-subject', { subject: 'FWD: pricing' }, { subject: 'Forward-looking pricing' }],
    ['deceptive-subject', { subject: 'AW: Angebot' }, { subject: 'AW: Angebot', isFirstTouch: false }],
    ['deceptive-subject', { subject: ' RE[2]: hi' }, { subject: 'Re-org at Acme?' }],
    ['deceptive-subject', { subject: '[Acme] Re: onboarding' }, { subject: '[Acme] onboarding' }],
    ['deceptive-subject', { subject: '回复：报价' }, { subject: '报价' }],
    ['deceptive-subject', { subject: '\u200bRe: our call' }, { subject: 'Question re: our call' }],
    ['deceptive-subject', { subject: 'Rе: our call' }, { subject: 'RE/MAX offices' }], // Cyrillic е
    ['deceptive-subject', { subject: 'ＦＷ：pricing' }, { subject: 'AWS: pricing' }],
    [
      'deceptive-thread',
      { html: '', text: `${TEXT}\n\nOn Tue, 3 Mar 2026 at 09:14, Sam <sam@x.example> wrote:\n> Hi Dana` },
      { html: '', text: `${TEXT}\n\nOn LinkedIn last week you wrote:\n> Hiring is hard` },
    ],
    [
      'deceptive-thread',
      {
        html: `${HTML}<p>-----Original Message-----<br>From: Sam<br>Sent: Monday<br>Subject: Hi</p>`,
        text: '',
      },
      {
        html: `${HTML}<p>-----Original Message-----<br>From: Sam<br>Sent: Monday<br>Subject: Hi</p>`,
        text: '',
        isFirstTouch: false,
      },
    ],
    [
      'spelled-out-words',
      { html: '', text: `${TEXT} Start your F.R.E.E trial.` },
      { html: '', text: `${TEXT} Your U.S.A. team, e.g. sales.` },
    ],
    ['spelled-out-words', { subject: 'G u a r a n t e e d results' }, { subject: 'A/B/C testing results' }],
    [
      'disguised-letters',
      { html: '', text: `${TEXT} Get a fr\u200bee trial.` },
      { html: '', text: `${TEXT} Die Ein\u00adarbeitung dauert.` },
    ],
    [
      'disguised-letters',
      { html: '', text: `${TEXT} A frее gift.` }, // Cyrillic е
      { html: '', text: `${TEXT} Здравствуйте, 👩‍💻 team.` },
    ],
    [
      'disguised-letters',
      { html: '', text: `${TEXT} Fast ca\u00adsh.` },
      { html: '', text: `${TEXT} Cash flow.` },
    ],
    ['money-runs', { subject: 'Save $$$ today' }, { subject: 'Save $40 today' }],
    ['money-runs', { html: '', text: `${TEXT} €€€ back.` }, { html: '', text: `${TEXT} €30 back.` }],
    [
      'spam-phrases-income',
      { html: '', text: `${TEXT} Partners make $5,000 a week.` },
      { html: '', text: `${TEXT} Partners make 5 hires a week.` },
    ],
    [
      'tracking-pixel',
      { html: `${HTML}<img src="https://t.example/o.gif" width="1" height="1">` },
      { html: `${HTML}<img src="https://fairsend.example/logo.png" width="80" height="24">` },
    ],
    [
      'phishing-credentials',
      { html: '', text: 'Please verify your password here.' },
      { html: '', text: 'Password managers save time.' },
    ],
    [
      'phishing-credentials',
      { html: '', text: 'Log in to avoid suspension of your account.' },
      { html: '', text: 'Your login page is fast.' },
    ],
    [
      'phishing-payment',
      { html: '', text: 'Please update your billing information today.' },
      { html: '', text: 'We automate billing.' },
    ],
    [
      'phishing-payment',
      { html: '', text: 'Could you buy 5 gift cards for the team?' },
      { html: '', text: 'We send cards to new hires.' },
    ],
    [
      'subject-shouting',
      { subject: 'QUICK QUESTION ABOUT ONBOARDING' },
      { subject: 'Quick question for ACME about SOC 2' },
    ],
    [
      'body-shouting',
      { html: '', text: `${TEXT.toUpperCase()}` },
      { html: '', text: `${TEXT} We are SOC 2 and ISO 27001 certified, GDPR ready.` },
    ],
    ['exclamation-runs', { subject: 'Onboarding??' }, { subject: 'Onboarding?' }],
    [
      'exclamation-runs',
      { html: '', text: `${TEXT} Great news!!` },
      { html: '', text: `${TEXT} Great news!` },
    ],
    ['exclamation-marks', { subject: 'Onboarding at Acme!' }, { subject: 'Onboarding at Acme' }],
    [
      'exclamation-marks',
      { html: '', text: `${TEXT} Yes! Yes! Yes! Yes!` },
      { html: '', text: `${TEXT} Yes! Great!` },
    ],
    ['money-symbols', { subject: 'Save $$ today' }, { subject: 'Save $40k a year' }],
    [
      'money-symbols',
      { html: '', text: `${TEXT} $10 $20 $30 40% 50% 60%` },
      { html: '', text: `${TEXT} 30% faster, $40k saved` },
    ],
    [
      'link-count',
      {
        html: `${HTML}${'<a href="https://fairsend.example/x">x</a>'.repeat(3)}`,
        text: `${TEXT} ${words(200)}`,
      },
      {
        html: `${HTML}${'<a href="https://fairsend.example/x">x</a>'.repeat(2)}`,
        text: `${TEXT} ${words(200)}`,
      },
    ],
    [
      'link-density',
      { html: '', text: 'See https://a.example/1 and https://a.example/2 now.' },
      { html: '', text: `${words(40)} https://a.example/1 https://a.example/2` },
    ],
    [
      'link-shortener',
      { html: `${HTML}<a href="https://bit.ly/3abc">deck</a>` },
      { html: `${HTML}<a href="https://bitly.example/3abc">deck</a>` },
    ],
    [
      'link-shortener',
      { html: '', text: `${TEXT} Deck: t.co/abc` },
      { html: '', text: `${TEXT} Deck: fairsend.example/abc` },
    ],
    [
      'link-text-mismatch',
      { html: `${HTML}<a href="https://login.evil.example">www.paypal.com</a>` },
      { html: `${HTML}<a href="https://www.paypal.com/x">paypal.com</a>` },
    ],
    [
      'link-text-mismatch',
      { html: `${HTML}<a href="https://attacker.github.io/cs">acme.github.io/cs</a>` },
      { html: `${HTML}<a href="https://acme.github.io/cs/">acme.github.io/cs</a>` },
    ],
    [
      'link-unsafe',
      { html: `${HTML}<a href="javascript:alert(1)">x</a>` },
      { html: `${HTML}<a href="https://fairsend.example">x</a>` },
    ],
    [
      'link-unsafe',
      { html: `${HTML}<a href="http://192.168.10.2/deck">deck</a>` },
      { html: `${HTML}<a href="http://deck.example/192.168.10.2">deck</a>` },
    ],
    // Read as a browser reads them: entities decoded, tabs and newlines dropped, leading controls stripped.
    [
      'link-unsafe',
      { html: `${HTML}<a href="java&#9;script:alert(1)">deck</a>` },
      { html: `${HTML}<a href="https://fairsend.example/java&#9;script">deck</a>` },
    ],
    [
      'link-unsafe',
      { html: `${HTML}<a href="java\tscript:alert(1)">deck</a>` },
      { html: `${HTML}<a href="https://fairsend.example/?q=java\tscript:">deck</a>` },
    ],
    [
      'link-unsafe',
      { html: `${HTML}<a href="jav\nascript:alert(1)">deck</a>` },
      { html: `${HTML}<a href="https://fairsend.example/jav\nascript">deck</a>` },
    ],
    [
      'link-unsafe',
      { html: `${HTML}<a href="\u0001\u0002 javascript:alert(1)">deck</a>` },
      { html: `${HTML}<a href=" https://fairsend.example/deck ">deck</a>` },
    ],
    [
      'link-unsafe',
      { html: `${HTML}<a data-href="https://fairsend.example/deck" href="javascript:alert(1)">deck</a>` },
      { html: `${HTML}<a data-href="javascript:alert(1)">deck</a>` },
    ],
    [
      'link-unsafe',
      { html: `${HTML}<a title="a > b" href="javascript:alert(1)">deck</a>` },
      { html: `${HTML}<a title="a > b" href="https://fairsend.example/deck">deck</a>` },
    ],
    [
      'link-unsafe',
      { html: `${HTML}<a href="http://0xC0.0xA8.0x0A.0x02/deck">deck</a>` },
      { html: `${HTML}<a href="http://0xc0.example/deck">deck</a>` },
    ],
    // Links a browser opens that are not `<a href>`: image-map areas and SVG links.
    [
      'link-unsafe',
      { html: `${HTML}<map name="m"><area href="javascript:alert(1)" alt="deck"></map>` },
      { html: `${HTML}<map name="m"><area href="https://fairsend.example/deck" alt="deck"></map>` },
    ],
    [
      'link-text-mismatch',
      { html: `${HTML}<map name="m"><area href="https://login.evil.example" alt="paypal.com"></map>` },
      { html: `${HTML}<map name="m"><area href="https://www.paypal.com/x" alt="paypal.com"></map>` },
    ],
    [
      'link-unsafe',
      { html: `${HTML}<svg><a xlink:href="javascript:alert(1)"><text>deck</text></a></svg>` },
      { html: `${HTML}<svg><a xlink:href="https://fairsend.example/deck"><text>deck</text></a></svg>` },
    ],
    // A relative href opens against the message's <base> in clients that honour it.
    [
      'link-text-mismatch',
      { html: `<base href="https://evil.example/">${HTML}<a href="/login">acme.com</a>` },
      { html: `<base href="https://www.acme.com/">${HTML}<a href="/login">acme.com</a>` },
    ],
    [
      'link-unsafe',
      { html: `<base href="http://203.0.113.9/">${HTML}<a href="deck.pdf">deck</a>` },
      { html: `<base href="https://fairsend.example/">${HTML}<a href="deck.pdf">deck</a>` },
    ],
    [
      'link-shortener',
      { html: `<base href="https://bit.ly/">${HTML}<a href="3abc">deck</a>` },
      { html: `<base href="https://bit.ly/">${HTML}<a href="https://fairsend.example/3abc">deck</a>` },
    ],
    [
      'link-homograph',
      { html: `${HTML}<a href="https://аpple.com">our partner</a>` },
      { html: `${HTML}<a href="https://apple.com">our partner</a>` },
    ],
    [
      'link-homograph',
      { html: '', text: `${TEXT} https://xn--80ak6aa92e.com/x` },
      { html: '', text: `${TEXT} https://xn--bcher-kva.de/x` },
    ],
    [
      'image-only',
      { html: '<img src="https://x.example/promo.png">', text: 'Hi' },
      { html: `${HTML}<img src="https://x.example/logo.png">` },
    ],
    [
      'image-heavy',
      { html: `${HTML}${'<img src="https://x.example/a.png">'.repeat(3)}` },
      { html: `${HTML}<img src="https://x.example/a.png">` },
    ],
    [
      'hidden-text',
      { html: `<div style="display:none">Free offer</div>${HTML}` },
      { html: `<div style="display:block">Hello</div>${HTML}` },
    ],
    [
      'hidden-text',
      { html: `${HTML}<span style="font-size:0px">x</span>` },
      { html: `${HTML}<span style="font-size:0.9em">x</span>` },
    ],
    [
      'hidden-text',
      { html: `${HTML}<span style="color:#FFFFFF">keywords</span>` },
      { html: `${HTML}<span style="background-color:#fff">x</span>` },
    ],
    [
      'hidden-text',
      { html: `${HTML}<font color="white">x</font>` },
      { html: `${HTML}<font color="#333">x</font>` },
    ],
    ['too-long', { html: '', text: `${TEXT} ${words(300)}` }, { html: '', text: `${TEXT} ${words(200)}` }],
    ['missing-text-part', { text: '' }, { text: TEXT }],
    ['attachment-first-touch', { attachments: 1 }, { attachments: 1, isFirstTouch: false }],
  ])('%s', (code, trips, nearMiss) => {
    expect(codes(trips)).toContain(code);
    expect(codes(nearMiss)).not.toContain(code);
  });

  it('weighs harder what is worse: dense money signs, mostly-capital bodies, each link past four', () => {
    const weight = (over: Partial<ContentInput>, code: string) =>
      assess(over).reasons.find((r) => r.code === code)?.weight;
    const prices = 'Starter 30%, Team 40%, Business 50%, Enterprise 60%, onboarding 20%, add-ons 10%.';
    expect(weight({ html: '', text: prices }, 'money-symbols')).toBe(5);
    expect(weight({ html: '', text: `${TEXT} ${words(60)} ${prices}` }, 'money-symbols')).toBe(2);
    expect(weight({ html: '', text: TEXT.toUpperCase() }, 'body-shouting')).toBe(5);
    const links = (k: number) => `${HTML}${'<a href="https://fairsend.example/x">x</a>'.repeat(k - 1)}`;
    expect(weight({ html: links(4) }, 'link-count')).toBe(2);
    expect(weight({ html: links(6) }, 'link-count')).toBe(5);
  });

  it('counts words in scripts without spaces, so a Japanese email with a logo is not "image-only"', () => {
    const ja =
      '<p>山田様</p><p>御社が今年大阪に新しい拠点を開設されたと拝見しました。新入社員のPC準備やアカウント発行に時間がかかっていないでしょうか。来週、15分ほどお時間をいただけないでしょうか。</p>';
    expect(codes({ html: `${ja}<img src="https://fairsend.example/logo.png" width="90">` })).not.toContain(
      'image-only',
    );
  });

  it('counts spam phrases once each, weighted by group, with the group explanation', () => {
    const urgency = SPAM_PHRASE_GROUPS.find((g) => g.id === 'urgency');
    const r = assess({ html: '', text: `${TEXT} Act now! ACT NOW. Limited time, act now.` }).reasons;
    const hit = r.find((x) => x.code === 'spam-phrases-urgency');
    expect(hit?.weight).toBe(2 * (urgency?.weight ?? 0));
    expect(hit?.message).toContain('"act now", "limited time"');
    expect(hit?.message).toContain('Manufactured urgency reads like a promotion');
    expect(hit?.fix).toBe(reasonWithDetail('spam-phrases-urgency').fix);
  });

  it('counts a phrase in the subject once more: the subject is what the inbox list shows', () => {
    const urgency = SPAM_PHRASE_GROUPS.find((g) => g.id === 'urgency')?.weight ?? 0;
    const weight = (over: Partial<ContentInput>) =>
      assess({ html: '', ...over }).reasons.find((x) => x.code === 'spam-phrases-urgency')?.weight;
    expect(weight({ text: `${TEXT} Act now.` })).toBe(urgency);
    expect(weight({ subject: 'Act now: pricing for Acme' })).toBe(2 * urgency);
    expect(weight({ subject: 'Act now: pricing for Acme', text: `${TEXT} Act now.` })).toBe(2 * urgency);
    // "Urgent:" in the subject and "act now" in the body: a warning, where two body phrases are not one.
    expect(assess({ subject: 'Urgent: your pricing lock', html: '', text: `${TEXT} Act now.` }).verdict).toBe(
      'warn',
    );
    expect(assess({ html: '', text: `${TEXT} Urgent. Act now.` }).verdict).toBe('ok');
  });

  it('matches phrases across punctuation and curly apostrophes, not inside words', () => {
    expect(codes({ html: '', text: `${TEXT} Don’t miss out.` })).toContain('spam-phrases-urgency');
    expect(codes({ html: '', text: `${TEXT} We are cheaper than X.` })).not.toContain('spam-phrases-money');
    expect(codes({ subject: 'Click   here' })).toContain('spam-phrases-pushy');
  });

  it('every reason carries a message and a fix a rep can act on', () => {
    const r = assess({
      subject: 'RE: FREE MONEY!!!',
      html: '<img src=x><a href="https://bit.ly/x">paypal.com</a>',
      text: '',
      attachments: 2,
    });
    expect(r.reasons.length).toBeGreaterThan(5);
    for (const reason of r.reasons) {
      expect(reason.message.length).toBeGreaterThan(20);
      expect(reason.fix?.length).toBeGreaterThan(10);
      expect(reason.weight).toBeGreaterThan(0);
    }
  });
});

describe('verdicts', () => {
  it('warns from a score of 5 and blocks from 10', () => {
    const below = assess({ html: '', text: `${TEXT} Make money.`, subject: 'Onboarding at Acme!' });
    expect(below.score).toBe(3); // money phrase 2 + exclamation 1
    expect(below.verdict).toBe('ok');
    const shouting = assess({ subject: 'QUICK QUESTION ABOUT ONBOARDING' }); // an all-caps subject warns alone
    expect(shouting.verdict).toBe('warn');
    const five = assess({
      html: '',
      text: `${TEXT} Make money, extra income.`,
      subject: 'Onboarding at Acme!',
    });
    expect(five.score).toBe(5);
    expect(five.verdict).toBe('warn');
    const ten = assess({
      html: '',
      text: `${TEXT} Make money, extra income, fast cash, big bucks, get paid.`,
    });
    expect(ten.score).toBe(10);
    expect(ten.verdict).toBe('block');
  });

  it.each([
    ['hard blocks regardless of score', { subject: 'Re: hi' }, 'block'],
    ['hard warns regardless of score', { attachments: 1 }, 'warn'],
  ] as const)('%s', (_, over, verdict) => {
    const r = assess(over);
    expect(r.verdict).toBe(verdict);
  });
});

describe('hostile sizes complete (no timing asserted)', () => {
  const mb = 1 << 20;
  it.each<[string, Partial<ContentInput>]>([
    ['1 MB subject', { subject: 'A'.repeat(mb) }],
    ['1 MB subject of !', { subject: '!'.repeat(mb) }],
    ['1 MB html body', { html: `<p>${'Hello world. '.repeat(mb / 13)}</p>` }],
    ['1 MB of unclosed tags', { html: '<a '.repeat(mb / 3) }],
    ['1 MB of <', { html: '<'.repeat(mb) }],
    ['1 MB of unclosed style attributes', { html: '<p style="'.repeat(mb / 10) }],
    ['1 MB of anchors', { html: '<a href="https://a.example">paypal.com</a>'.repeat(mb / 42) }],
    ['1 MB of entities', { html: '&#x'.repeat(mb / 3) }],
    ['1 MB of URL-ish text', { html: '', text: 'http://'.repeat(mb / 7) }],
    ['1 MB text of one word', { html: '', text: 'a'.repeat(mb) }],
    ['1 MB of spelled-out letters', { html: '', text: 'a.'.repeat(mb / 2) }],
    ['1 MB of look-alike letters', { html: '', text: 'аe'.repeat(mb / 2) }],
    ['1 MB of zero-width joins', { html: '', text: 'a\u200b'.repeat(mb / 2) }],
    ['1 MB of newlines', { html: '', text: `x${'\n'.repeat(mb)}` }],
    ['1 MB of quoted-header lines', { html: '', text: 'From: a\nSent: b\n'.repeat(mb / 16) }],
    ['1 MB of "On … wrote" lines', { html: '', text: `On ${'x '.repeat(150)}wrote:\n`.repeat(mb / 310) }],
    ['1 MB subject of tags', { subject: '[a] '.repeat(mb / 4) }],
    ['1 MB of nested inline tags', { html: '<span>'.repeat(mb / 6) }],
  ])('%s', (_, over) => {
    const r = assess(over);
    expect(['ok', 'warn', 'block']).toContain(r.verdict);
  });
});
