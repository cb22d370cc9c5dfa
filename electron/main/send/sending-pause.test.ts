import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendDraft } from '../../../shared/ipc/send';
import { createKeySealer } from '../secrets/sealer';
import { createMainServices } from '../services';
import { type SenderWorld, startSenderWorld } from '../testing/sender-world';
import { startTestServices } from '../testing/test-services';
import { createFileStore } from '../vault/file-store';
import { createSendingPause } from './sending-pause';
import { createSmtpTransport } from './transports/smtp-transport';

// "Pause all sending" held in main, through the real send path: loopback DNS and SMTP, the real gate,
// journal and audit log. A paused send never reaches the SMTP server.

let world: SenderWorld;

beforeAll(async () => {
  world = await startSenderWorld('app-password-x1');
});
afterAll(async () => {
  await world?.close();
});

describe('pause all sending', () => {
  it('blocks every send while paused, with a reason that says how to resume, audited; resumed, it sends', async () => {
    const { services } = await startTestServices({
      sealer: createKeySealer(Buffer.alloc(32, 9)),
      smtpCa: world.tls.cert,
      smtpTransport: (o) => createSmtpTransport({ ...o, port: world.smtp.port as 587 }),
      dnsServers: [world.dns.server],
    });
    try {
      const mailbox = await services.mailboxes.connectSmtp({
        address: 'ana@acme.test',
        displayName: 'Ana Rep',
        host: '127.0.0.1',
        port: 587,
        security: 'starttls',
        user: world.login.user,
        password: world.login.pass,
        localRelay: true,
        dkim: { selector: 'fs1', privateKeyPem: world.dkimPem },
      });
      services.profile.set({
        company: 'Acme Analytics GmbH',
        postalAddress: 'Torstraße 1, 10119 Berlin, Germany',
        unsubscribeBaseUrl: 'https://team.acme.test',
        unsubscribeMailto: 'unsubscribe@acme.test',
      });
      services.suppression.apply({ add: [], remove: [], complete: true });
      world.smtp.received.length = 0;
      const draft: SendDraft = {
        mailboxId: mailbox.id,
        to: 'jane.doe@example.test',
        toName: 'Jane Doe',
        subject: 'Onboarding new analysts at Example',
        html: '<p>Hi Jane,</p><p>We help data teams onboard analysts in half the time. Worth a short call?</p><p>Ana</p>',
        isFirstTouch: true,
        kind: 'one-off',
      };

      expect(await services.sending.set(true)).toMatchObject({ paused: true });
      const paused = await services.send.send('k-paused', draft);
      expect(paused.status).toBe('blocked');
      const reasons = paused.status === 'blocked' ? paused.gate.reasons : [];
      expect(reasons.map((r) => r.code)).toEqual(['sending-paused']);
      expect(reasons[0]?.fix).toContain('Resume sending');
      // held, not failed: main names when to try again (a scheduled email stays in the Outbox)
      expect(paused.status === 'blocked' ? paused.retryAt : undefined).toBeTypeOf('number');
      expect(world.smtp.received).toHaveLength(0);

      expect(await services.sending.set(false)).toMatchObject({ paused: false });
      // the same key goes out once resumed: a paused block is not a send main remembers as done
      expect((await services.send.send('k-paused', draft)).status).toBe('sent');
      expect(world.smtp.received).toHaveLength(1);

      const types = services.audit.since(0, 1000).map((e) => e.type);
      expect(types).toEqual(
        expect.arrayContaining(['sending.paused', 'send.blocked', 'sending.resumed', 'send.sent']),
      );
      expect(types.indexOf('sending.paused')).toBeLessThan(types.indexOf('sending.resumed'));
    } finally {
      await services.close();
    }
  });
});

describe('pause all sending across a restart', () => {
  /** main's services on `dataDir`, as the app or the browser-mode host builds them at each start */
  const servicesOn = (dataDir: string) =>
    createMainServices({
      dataDir,
      sealer: createKeySealer(Buffer.alloc(32, 8)),
      ciphertexts: createFileStore(join(dataDir, 'sealed-secrets.json')),
      appInfo: () => ({ name: 'Fairsend', version: 'test', mode: 'desktop', platform: 'linux' }),
      openExternal: async () => {},
    });

  it('a rep who paused is still paused when main starts again, and a resume is kept too', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fairsend-pause-'));
    const first = await servicesOn(dataDir);
    const paused = await first.sending.set(true);
    await first.close();

    const second = await servicesOn(dataDir);
    try {
      expect(second.sending.state()).toEqual(paused);
      expect(second.sending.state().paused).toBe(true);
      await second.sending.set(false);
    } finally {
      await second.close();
    }

    const third = await servicesOn(dataDir);
    try {
      expect(third.sending.state().paused).toBe(false);
    } finally {
      await third.close();
    }
  });

  it('nothing kept is not paused; a damaged file reads as paused, never as sending', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fairsend-pause-file-'));
    const file = join(dir, 'sending-pause.json');
    const audit = { append: async () => ({}) as never };
    expect(createSendingPause({ audit, now: () => 1, file }).state()).toEqual({ paused: false, since: 0 });
    writeFileSync(file, '{"paused": tr');
    expect(createSendingPause({ audit, now: () => 1, file }).paused()).toBe(true);
  });
});
