import { describe, expect, it } from 'vitest';
import { checkEmail, normalizeDomain, normalizeEmail } from './email';

describe('normalizeEmail', () => {
  it.each([
    ['Jane.Doe@Example.COM', 'jane.doe@example.com'],
    ['  jane@example.com  ', 'jane@example.com'],
    ['jane@example.com.', 'jane@example.com'], // trailing dot of a fully qualified domain
    ['Jane Doe <jane@example.com>', 'jane@example.com'],
    ['mailto:jane@example.com', 'jane@example.com'],
    ['jane+tag@example.co.uk', 'jane+tag@example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['"john doe"@example.com', '"john doe"@example.com'],
    ['"john\\"q"@example.com', '"john\\"q"@example.com'],
    ['info@bücher.de', 'info@xn--bcher-kva.de'],
    ['user@例え.jp', 'user@xn--r8jz45g.jp'],
    ['josé@example.es', 'josé@example.es'], // RFC 6531 local part
  ])('%s → %s', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['jane.example.com', 'no-at'],
    ['jane@', 'bad-domain'],
    ['@example.com', 'bad-local'],
    ['jane..doe@example.com', 'bad-local'],
    ['.jane@example.com', 'bad-local'],
    ['jane doe@example.com', 'bad-local'],
    ['"unterminated@example.com', 'bad-local'],
    ['jane@localhost', 'bad-domain'],
    ['jane@-example.com', 'bad-domain'],
    ['jane@example..com', 'bad-domain'],
    ['jane@1.2.3.4', 'bad-domain'],
    ['jane@[1.2.3.4]', 'domain-literal'],
    ['jane@exa mple.com', 'bad-domain'],
    ['jane@example.com\r\nBcc: victim@example.com', 'control-chars'],
    ['jane\u0000@example.com', 'control-chars'],
    [`${'a'.repeat(65)}@example.com`, 'local-too-long'],
    [
      `${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(20)}.com`,
      'too-long',
    ],
  ])('rejects %j as %s', (raw, problem) => {
    const check = checkEmail(raw);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.problem).toBe(problem);
      expect(check.message.length).toBeGreaterThan(10);
    }
  });
});

describe('normalizeDomain', () => {
  it('lower-cases, strips the root dot and converts IDN to punycode', () => {
    expect(normalizeDomain('ACME.com.')).toBe('acme.com');
    expect(normalizeDomain('münchen.de')).toBe('xn--mnchen-3ya.de');
    expect(normalizeDomain('acme')).toBeNull();
    expect(normalizeDomain('acme.com/evil')).toBeNull();
  });
});
