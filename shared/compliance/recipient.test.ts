import { describe, expect, it } from 'vitest';
import { checkRecipient, isDisposableDomain, type MxAnswer, recipientDomain } from './recipient';

const found: MxAnswer = { kind: 'found', hosts: ['mx1.example.com'] };
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('checkRecipient', () => {
  it.each<[string, MxAnswer, 'ok' | 'warn' | 'block', string[]]>([
    ['jane@example.com', found, 'ok', []],
    ['Jane Doe <Jane@Example.COM>', found, 'ok', []],
    ['jane@bücher.de', found, 'ok', []], // IDN
    ['jane@example.com', { kind: 'found', hosts: ['example.com'] }, 'ok', []], // implicit MX (A record)
    ['jane@example.com', { kind: 'none' }, 'block', ['no-mx']],
    ['jane@exmaple.com', { kind: 'nxdomain' }, 'block', ['domain-not-found']],
    ['jane@example.com', { kind: 'null-mx' }, 'block', ['null-mx']],
    ['jane@example.com', { kind: 'found', hosts: [''] }, 'block', ['null-mx']], // raw RFC 7505 "0 ."
    ['jane@example.com', { kind: 'error' }, 'block', ['dns-unavailable']], // fail closed, retried later
    ['info@example.com', found, 'warn', ['role-account']],
    ['Sales+emea@example.com', found, 'warn', ['role-account']],
    ['info@example.com', { kind: 'none' }, 'block', ['no-mx', 'role-account']],
    ['jane@mailinator.com', found, 'block', ['disposable-domain']],
    ['jane@mail.mailinator.com', found, 'block', ['disposable-domain']], // subdomain of a listed domain
    ['jane..doe@example.com', found, 'block', ['invalid-address']],
    ['jane@example.com\r\nBcc: x@example.com', found, 'block', ['invalid-address']],
    ['', found, 'block', ['invalid-address']],
  ])('%j with %j → %s %j', (address, mx, verdict, expected) => {
    const result = checkRecipient(address, { mx });
    expect(result.verdict).toBe(verdict);
    expect(codes(result)).toEqual(expected);
  });

  it('blocks a bad address with the sentence checkEmail gives, and a fix', () => {
    const result = checkRecipient('jane.example.com', { mx: found });
    expect(result.reasons[0]).toMatchObject({ message: 'The email address has no "@".' });
    expect(result.reasons[0]?.fix).toBeTruthy();
  });

  it('names the domain in the sentence the rep reads, and returns the normal form', () => {
    const result = checkRecipient('Jane@Exmaple.com', { mx: { kind: 'nxdomain' } });
    expect(result.reasons[0]?.message).toContain('exmaple.com');
    expect(result.address).toBe('jane@exmaple.com');
    expect(result.domain).toBe('exmaple.com');
  });
});

describe('isDisposableDomain', () => {
  it.each([
    ['mailinator.com', true],
    ['guerrillamail.com', true],
    ['x.y.mailinator.com', true],
    ['33m.co', true], // from the wildcard list
    ['sub.33m.co', true],
    ['example.com', false],
    ['gmail.com', false],
    ['com', false],
    ['acme-widgets.com', false],
  ])('%s → %s', (domain, expected) => {
    expect(isDisposableDomain(domain)).toBe(expected);
  });
});

describe('recipientDomain', () => {
  it.each([
    ['Jane <jane@Bücher.DE>', 'xn--bcher-kva.de'],
    ['not an address', null],
  ])('%s → %s', (address, expected) => {
    expect(recipientDomain(address)).toBe(expected);
  });
});
