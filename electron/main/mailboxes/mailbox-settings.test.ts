import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/ipc/result';
import { createKeySealer } from '../secrets/sealer';
import { createImapReader } from '../send/transports/imap-reader';
import { createSmtpTransport } from '../send/transports/smtp-transport';
import { type LoopbackImap, startLoopbackImap } from '../testing/loopback-imap';
import { type LoopbackSmtp, startLoopbackSmtp } from '../testing/loopback-smtp';
import { selfSignedCertificate } from '../testing/self-signed';
import { createFileStore } from '../vault/file-store';
import { createVault } from '../vault/vault';
import { createMailboxService } from './mailbox-service';
import { createMailboxFileStore } from './mailbox-store';

// A mailbox's settings after connecting, against real SMTP and IMAP servers on loopback: IMAP is checked at
// the server before it is saved, its password stays sealed in main, and the send path's transport follows.

const tls = selfSignedCertificate();
const login = { user: 'sam@signed.test', pass: 'app-password-9q2w' };
let smtp: LoopbackSmtp;
let imap: LoopbackImap;
beforeAll(async () => {
  smtp = await startLoopbackSmtp({ auth: login, tls });
  imap = await startLoopbackImap({ user: login.user, password: login.pass, tls });
});
afterAll(() => Promise.all([smtp.close(), imap.close()]));

let service: ReturnType<typeof createMailboxService> | undefined;
afterEach(() => service?.close());

async function connected(dir?: string) {
  const folder = dir ?? (await mkdtemp(join(tmpdir(), 'fairsend-mailbox-settings-')));
  const vault = createVault(
    createFileStore(join(folder, 'secrets.json')),
    createKeySealer(Buffer.alloc(32, 4)),
    'No keyring.',
  );
  service = createMailboxService({
    store: createMailboxFileStore(join(folder, 'mailboxes.json')),
    vault,
    now: () => 1_700_000_000_000,
    newId: () => 'mb1',
    smtpCa: tls.cert,
    smtpTransport: (o) => createSmtpTransport({ ...o, port: smtp.port as 587 }),
    imapReader: (o) => createImapReader({ ...o, port: imap.port as 143, timeoutMs: 5000 }),
    lookup: async () => ['127.0.0.1'],
  });
  if (!dir)
    await service.connectSmtp({
      address: login.user,
      displayName: 'Sam',
      host: '127.0.0.1',
      port: 587,
      security: 'starttls',
      user: login.user,
      password: login.pass,
      localRelay: true,
    });
  return { service, vault, folder };
}

const IMAP = { host: '127.0.0.1', port: 143, security: 'starttls' } as const;

describe('IMAP after connecting', () => {
  it('is checked at the IMAP server first: a refused login saves nothing', async () => {
    const { service } = await connected();
    const refused = await service.setImap('mb1', { ...IMAP, password: 'not-the-password' }).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(service.list()[0]?.smtp?.imap).toBeUndefined();
    expect((await service.transportFor('mb1')).fetchInbox).toBeUndefined();
  });

  it('added, reads the inbox from that server; removed, reads nothing; the password never leaves main', async () => {
    const { service, vault, folder } = await connected();
    // before: the send path has no inbox to read
    expect((await service.transportFor('mb1')).fetchInbox).toBeUndefined();

    const added = await service.setImap('mb1', { ...IMAP, password: login.pass });
    expect(added.smtp?.imap).toEqual({ ...IMAP, user: login.user });
    expect(JSON.stringify(added)).not.toContain(login.pass);
    // the same password as SMTP is not sealed twice
    expect(await vault.take('mailbox:mb1:imap-password')).toBeNull();

    imap.deliverToInbox(
      `From: lead@prospect.test\r\nTo: ${login.user}\r\nSubject: Re: hello\r\nMessage-ID: <r1@prospect.test>\r\n\r\nSounds good.\r\n`,
    );
    const read = await (await service.transportFor('mb1')).fetchInbox?.();
    expect(read?.ok && read.value.items.length).toBeGreaterThan(0);

    // a restart keeps it (settings in the store, the password in the vault)
    await service.close();
    const again = await connected(folder);
    expect(again.service.list()[0]?.smtp?.imap?.host).toBe('127.0.0.1');

    const removed = await again.service.setImap('mb1', null);
    expect(removed.smtp?.imap).toBeUndefined();
    expect(removed.smtp?.host).toBe('127.0.0.1');
    expect((await again.service.transportFor('mb1')).fetchInbox).toBeUndefined();
  });
});

describe('sender authentication settings', () => {
  it('keeps the selectors and SPF terms, once each, across a restart', async () => {
    const { service, folder } = await connected();
    const next = service.setSenderAuth('mb1', {
      dkimSelectors: ['s1', 's1', 'k2'],
      spf: ['include:_spf.relay.test'],
    });
    expect(next.senderAuth).toEqual({ dkimSelectors: ['s1', 'k2'], spf: ['include:_spf.relay.test'] });
    await service.close();
    expect((await connected(folder)).service.list()[0]?.senderAuth?.dkimSelectors).toEqual(['s1', 'k2']);
  });
});
