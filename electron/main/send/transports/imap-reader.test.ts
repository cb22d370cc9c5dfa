import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackImap, startLoopbackImap } from '../../testing/loopback-imap';
import { selfSignedCertificate } from '../../testing/self-signed';
import { createImapReader, headerMessageId, type ImapOptions } from './imap-reader';

const tls = selfSignedCertificate();
const login = { user: 'ana@acme.test', password: 'imap-secret-9q2w' };
const mail = (id: string, subject = 'Hi') =>
  `From: lead@example.test\r\nTo: ana@acme.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}@example.test>\r\nDate: ${new Date().toUTCString()}\r\n\r\nHello\r\n`;

let server: LoopbackImap;
beforeAll(async () => {
  server = await startLoopbackImap({
    ...login,
    tls,
    inbox: [mail('in-1', 'First reply')],
    sent: [mail('sent-1')],
  });
});
afterAll(() => server.close());

const reader = (over: Partial<ImapOptions> = {}) =>
  createImapReader({
    host: '127.0.0.1',
    port: server.port as 143,
    security: 'starttls',
    ca: tls.cert,
    timeoutMs: 5000,
    ...login,
    ...over,
  });

describe('IMAP reader against a loopback server', () => {
  it('logs in over STARTTLS with the self-signed certificate trusted', async () => {
    expect(await reader().verify()).toEqual({ ok: true, value: null });
  });

  it('logs in over implicit TLS', async () => {
    const implicit = await startLoopbackImap({ ...login, tls, implicitTls: true });
    expect(await reader({ port: implicit.port as 993, security: 'tls' }).verify()).toEqual({
      ok: true,
      value: null,
    });
    await implicit.close();
  });

  it('says auth-expired on a wrong password, without echoing the login', async () => {
    const result = await reader({ password: 'wrong-pass-1' }).verify();
    expect(result).toMatchObject({ ok: false, error: { code: 'auth-expired' } });
    const text = JSON.stringify(result);
    expect(text).not.toContain('wrong-pass-1');
    expect(text).not.toContain(login.user);
  });

  it('refuses an untrusted certificate', async () => {
    const result = await reader({ ca: undefined }).verify();
    expect(result).toMatchObject({ ok: false, error: { code: 'rejected-permanent' } });
  });

  it('refuses plaintext to anything but loopback', () => {
    expect(() => reader({ host: 'imap.example.com', security: 'plaintext-loopback' })).toThrow(
      /only to a server/,
    );
  });

  it('says transient when nothing listens', async () => {
    const result = await reader({ port: 1 as 143 }).verify();
    expect(result).toMatchObject({ ok: false, error: { code: 'transient' } });
  });

  it('finds a Message-ID in the \\Sent folder, and not one that was never sent', async () => {
    const r = reader();
    expect(await r.findSent('<sent-1@example.test>')).toEqual({
      ok: true,
      value: { found: true, providerId: '<sent-1@example.test>' },
    });
    expect(await r.findSent('<never@example.test>')).toEqual({ ok: true, value: { found: false } });
    // a substring of a real id is not a match
    expect(await r.findSent('<sent-@example.test>')).toEqual({ ok: true, value: { found: false } });
  });

  it('falls back to a folder named "Sent Items" when the server has no SPECIAL-USE flag', async () => {
    const plain = await startLoopbackImap({ ...login, sentName: 'Sent Items', sent: [mail('old')] });
    const r = reader({ port: plain.port as 143, security: 'plaintext-loopback' });
    expect(await r.findSent('<old@example.test>')).toMatchObject({ ok: true, value: { found: true } });
    await plain.close();
  });

  it('appends a delivered message to Sent once, then finds it', async () => {
    const r = reader();
    const raw = Buffer.from(mail('out-1'));
    expect(await r.appendSent(raw)).toEqual({ ok: true, value: { appended: true } });
    // the provider (or an earlier try) already saved it: no second copy
    expect(await r.appendSent(raw)).toEqual({ ok: true, value: { appended: false } });
    expect(server.messages('Sent').filter((m) => m.includes('<out-1@example.test>'))).toHaveLength(1);
    expect(await r.findSent('<out-1@example.test>')).toMatchObject({ ok: true, value: { found: true } });
  });

  it('reads the recent inbox, then only what arrived after the cursor', async () => {
    const r = reader();
    const first = await r.fetchInbox();
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.items.map((i) => i.raw.toString())).toEqual([expect.stringContaining('First reply')]);
    expect(first.value.cursor).toMatch(/^\d+:\d+$/);

    const nothing = await r.fetchInbox(first.value.cursor);
    expect(nothing).toEqual({ ok: true, value: { items: [], cursor: first.value.cursor } });

    server.deliverToInbox(mail('in-2', 'Second reply'));
    server.deliverToInbox(mail('in-3', 'Third reply'));
    const next = await r.fetchInbox(first.value.cursor);
    if (!next.ok) throw new Error(next.error.message);
    expect(next.value.items.map((i) => headerMessageId(i.raw))).toEqual([
      '<in-2@example.test>',
      '<in-3@example.test>',
    ]);
    expect(new Set(next.value.items.map((i) => i.providerId)).size).toBe(2);
    expect(await r.fetchInbox(next.value.cursor)).toMatchObject({ ok: true, value: { items: [] } });
  });

  it('leaves out inbox mail older than two days on the first read', async () => {
    const old = await startLoopbackImap({ ...login });
    old.deliverToInbox(mail('ancient'), new Date(Date.now() - 10 * 86_400_000));
    const r = reader({ port: old.port as 143, security: 'plaintext-loopback' });
    const first = await r.fetchInbox();
    expect(first).toMatchObject({ ok: true, value: { items: [] } });
    if (!first.ok) return;
    old.deliverToInbox(mail('fresh'));
    const next = await r.fetchInbox(first.value.cursor);
    expect(next.ok && next.value.items.map((i) => headerMessageId(i.raw))).toEqual(['<fresh@example.test>']);
    await old.close();
  });
});

describe('headerMessageId', () => {
  it('reads a folded header and ignores the body', () => {
    expect(
      headerMessageId(Buffer.from('Subject: x\r\nMessage-ID:\r\n <a.b@c>\r\n\r\nMessage-ID: <no@d>')),
    ).toBe('<a.b@c>');
    expect(headerMessageId(Buffer.from('Subject: x\r\n\r\nMessage-ID: <no@d>'))).toBeNull();
  });
});
