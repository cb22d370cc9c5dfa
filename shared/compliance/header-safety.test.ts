import { describe, expect, it } from 'vitest';
import {
  checkDisplayName,
  checkHeaderValue,
  checkLinkHost,
  decodePunycode,
  HEADER_LINE_LIMIT,
  labelScripts,
  quoteDisplayName,
  utf8Length,
} from './header-safety';

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

describe('checkHeaderValue', () => {
  it.each([
    ['Quick question about onboarding', []],
    ['Tabs\tare folding white space', []],
    ['Ünïcödé and emoji 🚀 are fine', []],
    ['Hi\r\nBcc: victim@example.com', ['header-injection']],
    ['Hi\nthere', ['header-injection']],
    ['Hi\rthere', ['header-injection']],
    ['line\u2028separator', ['header-injection']],
    ['next\u0085line', ['header-injection']],
    ['nul\0byte', ['header-nul']],
    ['bell\u0007', ['header-control-char']],
    ['del\u007f', ['header-control-char']],
    ['\r\n\0', ['header-injection', 'header-nul']],
  ])('%j → %j', (value, expected) => {
    expect(codes(checkHeaderValue('subject', value, 'Subject'))).toEqual(expected);
  });

  it('counts the line limit in bytes, including "Subject: "', () => {
    const room = HEADER_LINE_LIMIT - 'Subject: '.length;
    expect(checkHeaderValue('subject', 'a'.repeat(room), 'Subject')).toEqual([]);
    expect(codes(checkHeaderValue('subject', 'a'.repeat(room + 1), 'Subject'))).toEqual(['header-too-long']);
    // 3 bytes each in UTF-8: a third as many characters fit.
    expect(codes(checkHeaderValue('subject', '€'.repeat(Math.ceil(room / 3) + 1), 'Subject'))).toEqual([
      'header-too-long',
    ]);
  });

  it('rejects a 1 MB subject with a reason (and finishes)', () => {
    const reasons = checkHeaderValue('subject', 'x'.repeat(1 << 20), 'Subject');
    expect(codes(reasons)).toEqual(['header-too-long']);
    expect(reasons[0]?.message).toContain('subject');
    expect(reasons[0]?.fix).toBeTruthy();
  });

  it('measures UTF-8 with surrogate pairs as 4 bytes', () => {
    expect(utf8Length('a€🚀')).toBe(1 + 3 + 4);
  });
});

describe('checkDisplayName', () => {
  it.each([
    ['Sam Rivera', []],
    ["Siobhán O'Brien", []],
    ['José "Pepe" García', []],
    ['support@paypal.com', ['display-name-address']],
    ['Sam <ceo@bank.com>', ['display-name-address']],
    ['Sam\u202Eevil', ['display-name-invisible']],
    ['Sam\u200B', ['display-name-invisible']],
    ['Sam\r\nBcc: x@y.z', ['header-injection', 'display-name-address']],
    ['n'.repeat(300), ['display-name-too-long']],
  ])('%j → %j', (name, expected) => {
    expect(codes(checkDisplayName('your name', name))).toEqual(expected);
  });

  it('quotes and escapes per RFC 5322', () => {
    expect(quoteDisplayName('Sam Rivera')).toBe('"Sam Rivera"');
    expect(quoteDisplayName('José "Pepe" \\ García')).toBe('"José \\"Pepe\\" \\\\ García"');
  });
});

describe('homograph link hosts', () => {
  const host = (h: string) => new URL(`http://${h}/`).hostname;

  it('decodes punycode (RFC 3492 samples)', () => {
    expect(decodePunycode('bcher-kva')).toBe('bücher');
    expect(decodePunycode('r8jz45g')).toBe('例え');
    expect(decodePunycode('80ak6aa92e')).toBe('аррӏе');
    expect(decodePunycode('pple-43d')).toBe('аpple');
    expect(decodePunycode('!!!')).toBeNull();
  });

  it('names the scripts of a label, ignoring digits and hyphens', () => {
    expect([...labelScripts('acme-2024')]).toEqual(['Latin']);
    expect([...labelScripts('аpple')].sort()).toEqual(['Cyrillic', 'Latin']);
    expect([...labelScripts('123')]).toEqual([]);
  });

  it.each([
    ['example.com', []],
    ['bücher.de', []],
    ['例え.jp', []],
    ['東京tokyo.jp', []], // Han + Latin is a normal Japanese mix
    ['пример.рф', []], // Cyrillic on a Cyrillic TLD
    ['яндекс.ru', []],
    ['αβγ.gr', []],
    ['аpple.com', ['link-homograph']], // Cyrillic а + Latin
    ['раураl.com', ['link-homograph']],
    ['аррӏе.com', ['link-homograph']], // whole-script Cyrillic look-alike on .com
    ['gοοgle.com', ['link-homograph']], // Greek omicrons
  ])('%s → %j', (h, expected) => {
    expect(codes(checkLinkHost(host(h)))).toEqual(expected);
  });

  it('checks punycode labels written directly, and malformed ones', () => {
    expect(codes(checkLinkHost('xn--pple-43d.com'))).toEqual(['link-homograph']);
    expect(codes(checkLinkHost('xn--zz.com'))).toEqual(['link-homograph']); // truncated punycode
  });
});
