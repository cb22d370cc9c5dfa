import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpConnectRequest } from '../../../shared/ipc/mailboxes';
import { openMailboxHealth } from '../gate/mailbox-health';
import { createKeySealer } from '../secrets/sealer';
import { type LoopbackSmtp, startLoopbackSmtp } from '../testing/loopback-smtp';
import { selfSignedCertificate } from '../testing/self-signed';
import { createSmtpTransport } from '../transport/smtp-transport';
import { createFileStore } from '../vault/file-store';
import { createVault } from '../vault/vault';
import { createMailboxService } from './mailbox-service';
import { createMailboxFileStore } from './mailbox-store';

const tls = selfSignedCertificate();
const login = { user: 'ana@acme.test', pass: 'app-password-7f3k' };
let server: LoopbackSmtp;

beforeAll(async () => {
  server = await startLoopbackSmtp({ auth: login, tls });
});
afterAll(() => server.close());

let service: ReturnType<typeof createMailboxService> | undefined;
afterEach(() => service?.close());

/** The request names a standard port; the transport factory points it at the test server's ephemeral port. */
async function setup(
  options: {
    keyring?: boolean;
    smtp?: LoopbackSmtp;
    health?: Parameters<typeof createMailboxService>[0]['health'];
  } = {},
) {
  const dir = await mkdtemp(join(tmpdir(), 'fairsend-mailboxes-'));
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
    expect(await transport.deliver({ raw, from: info.address, to: ['lead@example.test'] })).toMatchObject({
      ok: true,
    });
    expect(server.received).toHaveLength(before + 1);
    await service.disconnect(info.id);
    expect(service.list()).toEqual([]);
    expect(await vault.take('mailbox:mb1:password')).toBeNull();
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
