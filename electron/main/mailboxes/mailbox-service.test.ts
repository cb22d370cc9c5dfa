import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpConnectRequest } from '../../../shared/ipc/mailboxes';
import { createKeySealer } from '../secrets/sealer';
import { openMailboxHealth } from '../send/mailbox-health';
import { reconcile } from '../send/reconcile';
import { openSendJournal } from '../send/send-journal';
import { createImapReader } from '../send/transports/imap-reader';
import { createSmtpTransport } from '../send/transports/smtp-transport';
import { type LoopbackImap, startLoopbackImap } from '../testing/loopback-imap';
import { type LoopbackSmtp, startLoopbackSmtp } from '../testing/loopback-smtp';
import { selfSignedCertificate } from '../testing/self-signed';
import { createFileStore } from '../vault/file-store';
import { createVault } from '../vault/vault';
import { createMailboxService } from './mailbox-service';
import { createMailboxFileStore } from './mailbox-store';

const tls = selfSignedCertificate();
const login = { user: 'ana@acme.test', pass: 'app-password-7f3k' };
let server: LoopbackSmtp;
let imap: LoopbackImap;

beforeAll(async () => {
  server = await startLoopbackSmtp({ auth: login, tls });
  imap = await startLoopbackImap({ user: login.user, password: login.pass, tls });
});
afterAll(() => Promise.all([server.close(), imap.close()]));

let service: ReturnType<typeof createMailboxService> | undefined;
afterEach(() => service?.close());

/** The request names a standard port; the transport factory points it at the test server's ephemeral port. */
async function setup(
  options: {
    keyring?: boolean;
    smtp?: LoopbackSmtp;
    imap?: LoopbackImap;
    health?: Parameters<typeof createMailboxService>[0]['health'];
    /** reopen an earlier run's data folder (a restart) */
    dir?: string;
  } = {},
) {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'fairsend-mailboxes-')));
  const vault = createVault(
    createFileStore(join(dir, 'secrets.json')),
    options.keyring === false ? null : createKeySealer(Buffer.alloc(32, 9)),
    'No keyring is running.',
  );
  const store = createMailboxFileStore(join(dir, 'mailboxes.json'));
  let n = 0;
  service = createMailboxService({
    store,
    vault,
    now: () => 1_700_000_000_000,
    newId: () => `mb${++n}`,
    smtpCa: tls.cert,
    smtpTransport: (o) => createSmtpTransport({ ...o, port: (options.smtp ?? server).port as 587 }),
    imapReader: (o) => createImapReader({ ...o, port: (options.imap ?? imap).port as 143, timeoutMs: 5000 }),
    lookup: async (host) => (host === 'smtp.corp.test' ? ['10.0.0.5'] : ['127.0.0.1']),
    ...(options.health ? { health: options.health } : {}),
  });
  return { service, vault, store, dir };
}

const request = (over: Partial<SmtpConnectRequest> = {}): SmtpConnectRequest => ({
  address: 'Ana@Acme.test',
  displayName: 'Ana Rep',
  host: '127.0.0.1',
  port: 587,
  security: 'starttls',
  user: login.user,
  password: login.pass,
  localRelay: true, // the test server is on this computer
  ...over,
});

describe('connecting an SMTP mailbox', () => {
  it('verifies STARTTLS and the login, then saves settings and seals the password', async () => {
    const { service, vault } = await setup();
    const info = await service.connectSmtp(request());
    expect(info).toMatchObject({
      id: 'mb1',
      kind: 'smtp',
      address: 'ana@acme.test',
      provider: 'smtp',
      lastError: null,
    });
    expect(JSON.stringify(service.list())).not.toContain(login.pass);
    expect(await vault.take('mailbox:mb1:password')).toBe(login.pass);
  });

  it('saves nothing when the password is wrong, and says so', async () => {
    const { service, vault, store } = await setup();
    await expect(service.connectSmtp(request({ password: 'wrong' }))).rejects.toMatchObject({
      code: 'auth-expired',
      message: expect.stringMatching(/refused the login/),
    });
    expect(store.all()).toEqual([]);
    expect(await vault.take('mailbox:mb1:password')).toBeNull();
  });

  it('refuses a server that offers no TLS', async () => {
    const plain = await startLoopbackSmtp({ auth: login });
    const { service, store } = await setup({ smtp: plain });
    await expect(service.connectSmtp(request())).rejects.toMatchObject({
      code: 'rejected-permanent',
      message: expect.stringMatching(/TLS/),
    });
    expect(store.all()).toEqual([]);
    await plain.close();
  });

  it('refuses a host on a private network unless it is a local relay', async () => {
    const { service } = await setup();
    await expect(
      service.connectSmtp(request({ host: 'smtp.corp.test', localRelay: false })),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/private network/),
    });
  });

  it('refuses a port outside 465, 587, 25 and 2525', async () => {
    const { service } = await setup();
    await expect(service.connectSmtp({ ...request(), port: 2526 as 587 })).rejects.toThrow(/port 465/);
  });

  it('refuses to store a password without a keyring', async () => {
    const { service, store } = await setup({ keyring: false });
    await expect(service.connectSmtp(request())).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/No keyring/),
    });
    expect(store.all()).toEqual([]);
  });

  it('sends through a pooled transport and wipes the secret on disconnect', async () => {
    const { service, vault } = await setup();
    const info = await service.connectSmtp(request());
    const transport = await service.transportFor(info.id);
    const raw = await new MailComposer({
      from: info.address,
      to: 'lead@example.test',
      subject: 'Hi',
      text: 'Hello',
    })
      .compile()
      .build();
    const before = server.received.length;
    expect(
      await transport.deliver({ raw, from: info.address, to: ['lead@example.test'] }, async () => {}),
    ).toMatchObject({ ok: true });
    expect(server.received).toHaveLength(before + 1);
    await service.disconnect(info.id);
    expect(service.list()).toEqual([]);
    expect(await vault.take('mailbox:mb1:password')).toBeNull();
  });

  it('a refused server certificate stays on the card with the certificate until a check passes', async () => {
    // the server the rep connected to, then one with a certificate nothing here trusts, at the same address
    const stranger = await startLoopbackSmtp({ auth: login, tls: selfSignedCertificate() });
    let answering = server;
    const routed = {
      get port() {
        return answering.port;
      },
    } as LoopbackSmtp;
    try {
      const { service, store } = await setup({ smtp: routed });
      const info = await service.connectSmtp(request());
      answering = stranger;
      const before = stranger.received.length;
      const transport = await service.transportFor(info.id);
      const raw = Buffer.from('Subject: hi\r\n\r\nHello\r\n');
      // a send refused for the certificate marks the card, without the rep pressing Test connection
      const sent = await transport.deliver(
        { raw, from: info.address, to: ['lead@example.test'] },
        async () => {},
      );
      expect(sent).toMatchObject({ ok: false, error: { certificate: { causes: ['self-signed'] } } });
      expect(stranger.received).toHaveLength(before);
      expect(store.get(info.id)).toMatchObject({
        lastError: expect.stringMatching(/self-signed/),
        lastCertificate: { causes: ['self-signed'] },
      });
      // Test connection says the same, and keeps the certificate for the card to show
      const refused = await service.test(info.id);
      expect(refused.lastError).toMatch(/self-signed/);
      expect(refused.lastCertificate?.causes).toEqual(['self-signed']);
      answering = server;
      const passed = await service.test(info.id);
      expect(passed.lastError).toBeNull();
      expect(passed).not.toHaveProperty('lastCertificate');
      expect(store.get(info.id)).not.toHaveProperty('lastCertificate');
    } finally {
      await stranger.close();
    }
  });
});

describe('mailbox health', () => {
  it('shows today’s sends against the ramp-up cap, the breaker’s reasons, and resumes after a pause', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fairsend-health-'));
    const events = await openMailboxHealth(join(dir, 'health.jsonl'));
    const audited: string[] = [];
    const { service } = await setup({
      health: { events, timeZone: 'UTC', audit: async (type) => void audited.push(type) },
    });
    const info = await service.connectSmtp(request());
    const now = 1_700_000_000_000;
    expect(service.health()).toEqual([
      {
        id: info.id,
        sentToday: 0,
        cap: expect.objectContaining({ cap: 10, rampingUp: true }),
        breaker: expect.objectContaining({ state: 'ok' }),
      },
    ]);
    await expect(service.resume(info.id)).rejects.toMatchObject({ code: 'conflict' });
    for (let i = 0; i < 25; i++) await events.record(info.id, 'sent', now - 1000);
    for (let i = 0; i < 2; i++) await events.record(info.id, 'hard-bounce', now - 500);
    const [paused] = service.health();
    expect(paused?.sentToday).toBe(25);
    expect(paused?.breaker.state).toBe('paused');
    expect(paused?.breaker.reasons[0]?.fix).toMatch(/press Resume/);
    expect((await service.resume(info.id)).breaker.state).toBe('ok');
    expect(audited).toEqual(['mailbox.resumed']);
    await events.close();
  });
});

describe('an SMTP mailbox with IMAP', () => {
  const withImap = (over: Partial<NonNullable<SmtpConnectRequest['imap']>> = {}) =>
    request({ imap: { host: '127.0.0.1', port: 143, security: 'starttls', ...over } });
  const mime = (messageId: string) =>
    new MailComposer({
      from: 'ana@acme.test',
      to: 'lead@example.test',
      subject: 'Hi',
      text: 'Hello',
      messageId,
    })
      .compile()
      .build();

  it('verifies the IMAP login too, keeps its settings without a secret, and reuses the SMTP password', async () => {
    const { service, vault } = await setup();
    const info = await service.connectSmtp(withImap());
    expect(info.smtp?.imap).toEqual({ host: '127.0.0.1', port: 143, security: 'starttls', user: login.user });
    expect(JSON.stringify(service.list())).not.toContain(login.pass);
    expect(await vault.take('mailbox:mb1:imap-password')).toBeNull();
    expect((await service.test(info.id)).lastError).toBeNull();
  });

  it('saves nothing when the IMAP password is wrong', async () => {
    const { service, vault, store } = await setup();
    await expect(service.connectSmtp(withImap({ password: 'not-the-imap-pw' }))).rejects.toMatchObject({
      code: 'auth-expired',
      message: expect.stringMatching(/IMAP server refused the login/),
    });
    expect(store.all()).toEqual([]);
    expect(await vault.take('mailbox:mb1:password')).toBeNull();
  });

  it('seals a different IMAP password under its own name', async () => {
    const other = await startLoopbackImap({ user: 'ana-imap', password: 'imap-only-pw', tls });
    const { service, vault } = await setup({ imap: other });
    const info = await service.connectSmtp(withImap({ user: 'ana-imap', password: 'imap-only-pw' }));
    expect(info.smtp?.imap?.user).toBe('ana-imap');
    expect(await vault.take('mailbox:mb1:imap-password')).toBe('imap-only-pw');
    expect(await vault.take('mailbox:mb1:password')).toBe(login.pass);
    const transport = await service.transportFor(info.id);
    expect(await transport.findSent('<none@acme.test>')).toEqual({ ok: true, value: { found: false } });
    await service.close();
    await other.close();
  });

  /** an attempt the app stopped at: `prepared` (nothing sent) or committed (`sending`: fate open) */
  async function interrupted(dir: string, mailboxId: string, key: string, committed: boolean) {
    const journal = await openSendJournal(join(dir, 'journal.jsonl'));
    const audit = { recipientKey: null, warnings: [] };
    await journal.prepare(key, { mailboxId, messageId: `<${key}@acme.test>`, audit });
    const draft = {
      mailboxId,
      to: 'lead@example.test',
      subject: 'Hi',
      html: 'x',
      isFirstTouch: true,
      kind: 'one-off',
    } as const;
    if (committed) await journal.commit(key, { draft });
    await journal.close();
  }

  it('after a crash, reconcile settles only what IMAP can prove: found in Sent is sent, absent is held', async () => {
    const first = await setup();
    const info = await first.service.connectSmtp(withImap());
    await interrupted(first.dir, info.id, 'k-found', true);
    await interrupted(first.dir, info.id, 'k-absent', true);
    await interrupted(first.dir, info.id, 'k-never', false);
    await first.service.close();
    // a server that files what it relays (as Gmail and Office 365 do over SMTP) has a copy of one of them
    const copy = (await mime('<k-found@acme.test>')).toString();
    const withCopy = await startLoopbackImap({ user: login.user, password: login.pass, tls, sent: [copy] });

    const { service } = await setup({ dir: first.dir, imap: withCopy });
    const journal = await openSendJournal(join(first.dir, 'journal.jsonl'));
    const audited: string[] = [];
    const report = await reconcile({
      journal,
      transportFor: service.transportFor,
      audit: {
        append: async (type, data) => void audited.push(`${type}:${data.key}:${data.outcome ?? data.why}`),
      },
      now: () => Date.now(),
    });
    // not in Sent proves nothing here: the Sent copy of an SMTP mailbox is made only after `accepted`
    expect(report).toEqual({ sent: ['k-found'], notSent: ['k-never'], held: ['k-absent'] });
    expect(journal.get('k-found')).toMatchObject({ state: 'accepted', settledBy: 'lookup' });
    expect(journal.get('k-absent')).toMatchObject({ state: 'unknown', why: 'interrupted' });
    expect(audited.sort()).toEqual([
      'send.reconciled:k-found:sent',
      'send.reconciled:k-never:not-sent',
      'send.unknown:k-absent:interrupted',
      'send.unknown:k-found:interrupted',
    ]);
    await journal.close();
    await withCopy.close();
  });

  it('without IMAP, an interrupted send is held for the rep so it is never retried blind', async () => {
    const first = await setup();
    const info = await first.service.connectSmtp(request());
    await interrupted(first.dir, info.id, 'k1', true);
    const journal = await openSendJournal(join(first.dir, 'journal.jsonl'));
    const report = await reconcile({
      journal,
      transportFor: first.service.transportFor,
      audit: { append: async () => null },
      now: () => Date.now(),
    });
    expect(report.held).toEqual(['k1']);
    await journal.close();
  });

  it('reads the inbox through the send transport', async () => {
    const { service } = await setup();
    const info = await service.connectSmtp(withImap());
    const transport = await service.transportFor(info.id);
    const first = await transport.fetchInbox?.();
    if (!first?.ok) throw new Error('no inbox');
    imap.deliverToInbox((await mime('<reply-1@example.test>')).toString());
    const next = await transport.fetchInbox?.(first.value.cursor);
    expect(next?.ok && next.value.items.map((i) => i.raw.toString())).toEqual([
      expect.stringContaining('<reply-1@example.test>'),
    ]);
  });
});
