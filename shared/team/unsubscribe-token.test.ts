import { describe, expect, it } from 'vitest';
import {
  GOLDEN_ADDRESS_KEY,
  GOLDEN_ISSUED_AT_MS,
  GOLDEN_MAILBOX,
  GOLDEN_TOKEN,
} from './testing/golden-token';
import {
  encodeUnsubscribePayload,
  fromBase64Url,
  joinUnsubscribeToken,
  parseUnsubscribeToken,
  toBase64Url,
} from './unsubscribe-token';

describe('unsubscribe token format', () => {
  it('writes the payload byte for byte as the desktop always has', () => {
    const payload = encodeUnsubscribePayload({
      k: GOLDEN_ADDRESS_KEY,
      m: GOLDEN_MAILBOX,
      t: GOLDEN_ISSUED_AT_MS / 1000,
    });
    expect(GOLDEN_TOKEN.startsWith(`${payload}.`)).toBe(true);
  });

  it('reads back the claims and signature of a well-formed token', () => {
    const parsed = parseUnsubscribeToken(GOLDEN_TOKEN);
    expect(parsed?.claims).toEqual({ v: 1, k: GOLDEN_ADDRESS_KEY, m: GOLDEN_MAILBOX, t: 1_700_000_000 });
    expect(parsed?.signature.length).toBe(32);
    expect(joinUnsubscribeToken(parsed!.payload, parsed!.signature)).toBe(GOLDEN_TOKEN);
  });

  it.each([
    ['empty', ''],
    ['truncated signature', GOLDEN_TOKEN.slice(0, -1)],
    ['truncated payload', GOLDEN_TOKEN.slice(5)],
    ['no dot', GOLDEN_TOKEN.replace('.', '')],
    ['padding', `${GOLDEN_TOKEN}=`],
    ['too long', `${'a'.repeat(600)}.${GOLDEN_TOKEN.split('.')[1]}`],
    [
      'not JSON',
      `${toBase64Url(new TextEncoder().encode('hello world, not json'))}.${GOLDEN_TOKEN.split('.')[1]}`,
    ],
  ])('refuses a token that is not one: %s', (_name, token) => {
    expect(parseUnsubscribeToken(token)).toBeNull();
  });

  it('refuses claims of the wrong shape', () => {
    const sig = GOLDEN_TOKEN.split('.')[1];
    const make = (body: unknown) => `${toBase64Url(new TextEncoder().encode(JSON.stringify(body)))}.${sig}`;
    expect(parseUnsubscribeToken(make({ v: 2, k: GOLDEN_ADDRESS_KEY, m: 'mb1', t: 1 }))).toBeNull();
    expect(parseUnsubscribeToken(make({ v: 1, k: 'JANE@EXAMPLE.COM', m: 'mb1', t: 1 }))).toBeNull();
    expect(parseUnsubscribeToken(make({ v: 1, k: GOLDEN_ADDRESS_KEY, m: '', t: 1 }))).toBeNull();
    expect(parseUnsubscribeToken(make({ v: 1, k: GOLDEN_ADDRESS_KEY, m: 'mb1', t: 1.5 }))).toBeNull();
    expect(parseUnsubscribeToken(make([1, 2, 3]))).toBeNull();
  });

  it("carries a sequence's id when the email is a sequence step, and refuses one that cannot be an id", () => {
    const payload = encodeUnsubscribePayload({ k: GOLDEN_ADDRESS_KEY, m: 'mb1', t: 1, q: 'seq-1' });
    const token = joinUnsubscribeToken(payload, new Uint8Array(32));
    expect(parseUnsubscribeToken(token)?.claims).toEqual({
      v: 1,
      k: GOLDEN_ADDRESS_KEY,
      m: 'mb1',
      t: 1,
      q: 'seq-1',
    });
    const sig = GOLDEN_TOKEN.split('.')[1];
    const make = (body: unknown) => `${toBase64Url(new TextEncoder().encode(JSON.stringify(body)))}.${sig}`;
    for (const q of ['', 'a b', 'x'.repeat(65), 7, null])
      expect(parseUnsubscribeToken(make({ v: 1, k: GOLDEN_ADDRESS_KEY, m: 'mb1', t: 1, q }))).toBeNull();
  });

  it('base64url has one spelling per value', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0x00, 0x10]);
    expect(toBase64Url(bytes)).toBe('-_8AEA');
    expect(fromBase64Url('-_8AEA')).toEqual(bytes);
    expect(fromBase64Url('-_8AEB')).toBeNull();
    expect(fromBase64Url('a')).toBeNull();
  });
});
