import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heldUntilResumed } from '../../../shared/compliance/waiting';
import type { SendDraft } from '../../../shared/ipc/send';
import { createSmtpTransport } from '../send/transports/smtp-transport';
import { type SenderWorld, startSenderWorld } from '../testing/sender-world';
import { startTestServices, testBridge } from '../testing/test-services';
import { createMailboxFileStore } from './mailbox-store';

// The rep's own pause of one mailbox ("Pause sending" on its card), through the bridge and the real send path
// (loopback DNS and SMTP, the real gate, journal and audit log): kept in the mailbox's record, audited, every
// send from it held and counted at the SMTP server as nothing; resumed, the same key goes out once.

let world: SenderWorld;

beforeAll(async () => {
  world = await startSenderWorld('app-password-p4');
});
afterAll(async () => {
  await world?.close();
});

describe('pausing one mailbox', () => {
  it('holds every send from it while paused (blocked, tried again), audited, kept on disk; resumed, it sends once', async () => {
    const { services, dataDir } = await startTestServices({
      smtpCa: world.tls.cert,
      smtpTransport: (o) => createSmtpTransport({ ...o, port: world.smtp.port as 587 }),
      dnsServers: [world.dns.server],
    });
    const bridge = testBridge(services);
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

      // the bridge checks its input with zod
      expect(
        await bridge.call('mailboxes.setPaused', { id: mailbox.id, paused: 'yes' } as never),
      ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      const paused = await bridge.value('mailboxes.setPaused', { id: mailbox.id, paused: true });
      expect(paused.pausedAt).toEqual(expect.any(Number));
      // kept in main's record on disk: a restart finds it paused
      expect(createMailboxFileStore(join(dataDir, 'mailboxes.json')).get(mailbox.id)?.pausedAt).toBe(
        paused.pausedAt,
      );

      const held = await bridge.value('send.message', { key: 'k-1', draft });
      expect(held).toMatchObject({ status: 'blocked', retryAt: expect.any(Number) });
      const reasons = held.status === 'blocked' ? held.gate.reasons : [];
      // the pause is the one blocking reason (the SMTP server's SPF only warns here)
      expect(reasons.map((r) => r.code)).toContain('mailbox-paused-by-rep');
      expect(heldUntilResumed(reasons)).toBe(true);
      expect(reasons.find((r) => r.code === 'mailbox-paused-by-rep')?.fix).toContain('Resume sending');
      expect(held.status === 'blocked' ? held.gate.scheduleAt : 0).toBeUndefined();
      // the preview says so too, and a second try while paused is held again, never "duplicate"
      expect((await bridge.value('send.preview', draft)).reasons.map((r) => r.code)).toContain(
        'mailbox-paused-by-rep',
      );
      expect((await bridge.value('send.message', { key: 'k-1', draft })).status).toBe('blocked');
      expect(world.smtp.received).toHaveLength(0);

      const resumed = await bridge.value('mailboxes.setPaused', { id: mailbox.id, paused: false });
      expect(resumed).not.toHaveProperty('pausedAt');
      expect((await bridge.value('send.message', { key: 'k-1', draft })).status).toBe('sent');
      expect((await bridge.value('send.message', { key: 'k-1', draft })).status).toBe('duplicate');
      expect(world.smtp.received).toHaveLength(1);

      const types = services.audit.since(0, 1000).map((e) => e.type);
      expect(types.filter((t) => t.startsWith('mailbox.'))).toEqual(['mailbox.paused', 'mailbox.unpaused']);
      expect(types.filter((t) => t === 'send.blocked')).toHaveLength(2);
    } finally {
      await services.close();
    }
  });

  it('refuses a mailbox that is not connected', async () => {
    const { services } = await startTestServices();
    try {
      const answer = await testBridge(services).call('mailboxes.setPaused', { id: 'gone', paused: true });
      expect(answer).toMatchObject({ ok: false, error: { code: 'not-found' } });
    } finally {
      await services.close();
    }
  });
});
