import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackDns, startLoopbackDns } from '../testing/loopback-dns';
import { type LoopbackSmtp, startLoopbackSmtp } from '../testing/loopback-smtp';
import { signWithDkim } from './dkim-signer';
import { createSmtpTransport } from './transports/smtp-transport';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicKeyB64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

let dns: LoopbackDns;
let smtp: LoopbackSmtp;

beforeAll(async () => {
  // The key record is longer than 255 bytes, so it travels as several TXT chunks, as in real zones.
  dns = await startLoopbackDns({
    txt: { 'fs1._domainkey.acme.test': [`v=DKIM1; k=rsa; p=${publicKeyB64}`] },
  });
  smtp = await startLoopbackSmtp();
});
afterAll(async () => {
  await dns.close();
  await smtp.close();
});

async function message() {
  return new MailComposer({
    from: '"Ana Rep" <ana@acme.test>',
    to: 'lead@example.test',
    subject: 'Quick question about onboarding',
    text: 'Hi Jane,\n\nWould a short call help?\n\nUnsubscribe: https://team.acme.test/u/abc',
    messageId: '<dkim-1@acme.test>',
    headers: {
      'List-Unsubscribe': {
        prepared: true,
        value: '<https://team.acme.test/u/abc>, <mailto:unsubscribe@acme.test?subject=unsubscribe>',
      },
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  })
    .compile()
    .build();
}

const resolver = (name: string, type: string) => dns.resolver.resolve(name, type) as Promise<string[][]>;

describe('DKIM signing', () => {
  it('signs so that the received message verifies, with the RFC 8058 headers inside the signature', async () => {
    const signed = await signWithDkim(
      await message(),
      { domain: 'acme.test', selector: 'fs1', privateKeyPem },
      new Date(),
    );
    expect(signed.ok).toBe(true);
    if (!signed.ok) return;
    const transport = createSmtpTransport({
      host: '127.0.0.1',
      port: smtp.port as 25,
      security: 'plaintext-loopback',
    });
    await transport.deliver(
      { raw: signed.value, from: 'ana@acme.test', to: ['lead@example.test'] },
      async () => {},
    );
    await transport.close();
    const received = smtp.received.at(-1)?.raw ?? Buffer.alloc(0);

    const verdict = await dkimVerify(received, { resolver });
    const [result] = verdict.results;
    expect(result?.status.result).toBe('pass');
    expect(result?.signingDomain).toBe('acme.test');
    const signedHeaders = (result?.signingHeaders?.keys ?? '')
      .toLowerCase()
      .split(':')
      .map((h) => h.trim());
    expect(signedHeaders).toEqual(
      expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'from', 'subject']),
    );
  });

  it('fails verification when a relay swaps the one-click unsubscribe target', async () => {
    const signed = await signWithDkim(
      await message(),
      { domain: 'acme.test', selector: 'fs1', privateKeyPem },
      new Date(),
    );
    if (!signed.ok) throw new Error('signing failed');
    const tampered = Buffer.from(
      signed.value.toString('latin1').replace('https://team.acme.test/u/abc>', 'https://evil.test/u/abc>'),
      'latin1',
    );
    const verdict = await dkimVerify(tampered, { resolver });
    expect(verdict.results[0]?.status.result).toBe('fail');
  });

  it('refuses a broken key with a clear message', async () => {
    const result = await signWithDkim(
      await message(),
      { domain: 'acme.test', selector: 'fs1', privateKeyPem: 'not a key' },
      new Date(),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/DKIM key/) },
    });
  });
});
