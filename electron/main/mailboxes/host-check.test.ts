import { describe, expect, it } from 'vitest';
import { checkSmtpHost, isPrivateAddress } from './host-check';

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.10', true],
    ['169.254.169.254', true],
    ['::1', true],
    ['fd12::1', true],
    ['::ffff:192.168.0.1', true],
    ['142.250.0.27', false],
    ['2607:f8b0::1b', false],
    ['smtp.gmail.com', false],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('checkSmtpHost', () => {
  const resolver = (map: Record<string, string[]>) => async (host: string) => {
    const found = map[host];
    if (!found) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    return found;
  };

  it('accepts a public host', async () => {
    expect(
      await checkSmtpHost('smtp.example.com', false, resolver({ 'smtp.example.com': ['93.184.216.34'] })),
    ).toEqual({
      ok: true,
      addresses: ['93.184.216.34'],
    });
  });

  it('refuses a host that resolves to a private address unless a local relay was asked for', async () => {
    const lookup = resolver({ 'mail.internal': ['93.184.216.34', '10.0.0.5'] });
    const refused = await checkSmtpHost('mail.internal', false, lookup);
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok ? '' : refused.message).toMatch(/private network/);
    expect(await checkSmtpHost('mail.internal', true, lookup)).toMatchObject({ ok: true });
    expect(await checkSmtpHost('127.0.0.1', false, lookup)).toMatchObject({ ok: false });
  });

  it('says when the name does not exist', async () => {
    const result = await checkSmtpHost('smtp.nxdomain.example', false, resolver({}));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/could not be found/) });
  });
});
