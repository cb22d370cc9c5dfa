import MailComposer from 'nodemailer/lib/mail-composer';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackSmtp, startLoopbackSmtp } from '../../testing/loopback-smtp';
import { createSmtpTransport, smtpConfig } from './smtp-transport';

let server: LoopbackSmtp | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function raw(messageId: string) {
  return new MailComposer({
    from: '"Ana Rep" <ana@acme.test>',
    to: 'lead@example.test',
    subject: 'Quick question',
    text: 'Hello',
    messageId,
    headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  })
    .compile()
    .build();
}

const loopback = (port: number) =>
  ({ host: '127.0.0.1', port: port as 25, security: 'plaintext-loopback' }) as const;

describe('SMTP transport', () => {
  it('copies a delivered message to Sent, and a failed copy does not fail the delivery', async () => {
    server = await startLoopbackSmtp();
    const copies: Buffer[] = [];
    const transport = createSmtpTransport({
      ...loopback(server.port),
      appendSent: async (bytes) => {
        copies.push(bytes);
        throw new Error('IMAP is down');
      },
    });
    const bytes = await raw('<copy@acme.test>');
    const result = await transport.deliver({ raw: bytes, from: 'ana@acme.test', to: ['lead@example.test'] });
    expect(result.ok).toBe(true);
    expect(copies).toEqual([bytes]);
    await transport.close();
  });

  it('delivers the exact bytes it is given', async () => {
    server = await startLoopbackSmtp();
    const transport = createSmtpTransport(loopback(server.port));
    const bytes = await raw('<m1@acme.test>');
    const result = await transport.deliver({ raw: bytes, from: 'ana@acme.test', to: ['lead@example.test'] });
    expect(result.ok).toBe(true);
    expect(server.received[0]?.to).toEqual(['lead@example.test']);
    const mail = await server.parsed(0);
    expect(mail.messageId).toBe('<m1@acme.test>');
    expect(mail.subject).toBe('Quick question');
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(server.received[0]?.raw.equals(bytes)).toBe(true);
    await transport.close();
  });

  it('verifies a login before it is saved, and says when it is wrong', async () => {
    server = await startLoopbackSmtp({ auth: { user: 'ana', pass: 'right' } });
    const good = createSmtpTransport({ ...loopback(server.port), user: 'ana', password: 'right' });
    expect(await good.verify()).toEqual({ ok: true, value: null });
    const bad = createSmtpTransport({ ...loopback(server.port), user: 'ana', password: 'wrong-secret-42' });
    const result = await bad.verify();
    expect(result).toMatchObject({ ok: false, error: { code: 'auth-expired' } });
    expect(JSON.stringify(result)).not.toContain('wrong-secret-42');
  });

  it.each([
    [550, 'no such user', 'rejected-permanent'],
    [421, 'try later', 'transient'],
    [451, 'rate limit exceeded', 'rate-limited'],
  ])('translates SMTP %i (%s) into %s', async (code, message, expected) => {
    server = await startLoopbackSmtp({ reject: { code, message } });
    const transport = createSmtpTransport(loopback(server.port));
    const result = await transport.deliver({
      raw: await raw('<m2@acme.test>'),
      from: 'ana@acme.test',
      to: ['x@example.test'],
    });
    expect(result).toMatchObject({ ok: false, error: { code: expected } });
    expect(server.received).toHaveLength(0);
  });

  it('refuses to send to a server that offers no STARTTLS when TLS is required', async () => {
    server = await startLoopbackSmtp();
    const transport = createSmtpTransport({
      host: '127.0.0.1',
      port: server.port as 587,
      security: 'starttls',
    });
    const result = await transport.deliver({
      raw: await raw('<m3@acme.test>'),
      from: 'ana@acme.test',
      to: ['x@example.test'],
    });
    expect(result.ok).toBe(false);
    expect(server.received).toHaveLength(0);
  });

  it('says when nothing answers', async () => {
    server = await startLoopbackSmtp();
    const port = server.port;
    await server.close();
    server = undefined;
    const transport = createSmtpTransport({ ...loopback(port), timeoutMs: 2000 });
    const result = await transport.deliver({
      raw: await raw('<m4@acme.test>'),
      from: 'a@acme.test',
      to: ['x@example.test'],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'transient' } });
  });

  it('allows unencrypted SMTP only to this computer', () => {
    expect(() => smtpConfig({ host: 'smtp.example.com', port: 25, security: 'plaintext-loopback' })).toThrow(
      /this computer/,
    );
    expect(smtpConfig({ host: 'smtp.example.com', port: 587, security: 'starttls' })).toMatchObject({
      requireTLS: true,
    });
  });
});
