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

const noCommit = async () => {};

const loopback = (port: number) =>
  ({ host: '127.0.0.1', port: port as 25, security: 'plaintext-loopback' }) as const;

describe('SMTP transport', () => {
  const send = (transport: ReturnType<typeof createSmtpTransport>, bytes: Buffer, commit = noCommit) =>
    transport.deliver({ raw: bytes, from: 'ana@acme.test', to: ['lead@example.test'] }, commit);

  it('delivers the exact bytes it is given', async () => {
    server = await startLoopbackSmtp();
    const transport = createSmtpTransport(loopback(server.port));
    const bytes = await raw('<m1@acme.test>');
    const result = await send(transport, bytes);
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

  it('completes a message only after the commit, and abandons it when the commit fails', async () => {
    server = await startLoopbackSmtp();
    const transport = createSmtpTransport({ ...loopback(server.port), pool: true });
    const seenAtCommit: number[] = [];
    const slowCommit = async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      seenAtCommit.push(server?.received.length ?? -1);
    };
    expect((await send(transport, await raw('<c1@acme.test>'), slowCommit)).ok).toBe(true);
    expect(seenAtCommit).toEqual([0]); // the server had no message while the commit was running
    const failed = await send(transport, await raw('<c2@acme.test>'), async () => {
      throw new Error('The disk is full, so Fairsend could not record this send. Nothing was sent.');
    });
    expect(failed).toMatchObject({ ok: false, error: { message: expect.stringMatching(/disk is full/) } });
    expect(failed.ok || failed.error.mayHaveDelivered).toBeFalsy();
    expect((await send(transport, await raw('<c3@acme.test>'))).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.received.map((m) => /<(c\d)@/.exec(m.raw.toString())?.[1])).toEqual(['c1', 'c3']);
    await transport.close();
  });

  it('a connection dropped after the server stored the message is unknown, and is not sent again', async () => {
    server = await startLoopbackSmtp();
    server.misbehaveNext({ action: 'drop', store: true });
    const transport = createSmtpTransport({ ...loopback(server.port), pool: true });
    const result = await send(transport, await raw('<d1@acme.test>'));
    expect(result).toMatchObject({ ok: false, error: { mayHaveDelivered: 'connection-lost' } });
    await new Promise((resolve) => setTimeout(resolve, 500)); // a pool that re-queued it would have sent by now
    expect(server.countMessageId('<d1@acme.test>')).toBe(1);
    await transport.close();
  });

  it('no answer after the data is unknown too; a refusal after the data is not', async () => {
    server = await startLoopbackSmtp();
    server.misbehaveNext({ action: 'hang', store: false }, { action: 'reject', code: 554, message: 'spam' });
    const transport = createSmtpTransport({ ...loopback(server.port), timeoutMs: 300 });
    expect(await send(transport, await raw('<h1@acme.test>'))).toMatchObject({
      ok: false,
      error: { mayHaveDelivered: 'timed-out' },
    });
    const refused = await send(transport, await raw('<h2@acme.test>'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'rejected-permanent' } });
    expect(refused.ok || refused.error.mayHaveDelivered).toBeFalsy();
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
    const result = await send(transport, await raw('<m2@acme.test>'));
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
    const result = await send(transport, await raw('<m3@acme.test>'));
    expect(result.ok).toBe(false);
    expect(server.received).toHaveLength(0);
  });

  it('says when nothing answers', async () => {
    server = await startLoopbackSmtp();
    const port = server.port;
    await server.close();
    server = undefined;
    const transport = createSmtpTransport({ ...loopback(port), timeoutMs: 2000 });
    const result = await send(transport, await raw('<m4@acme.test>'));
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
