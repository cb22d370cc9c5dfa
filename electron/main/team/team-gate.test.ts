import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_TIMEOUT_MS } from '../../../server/src/testing/backends';
import type { SendDraft } from '../../../shared/ipc/send';
import { createSmtpTransport } from '../send/transports/smtp-transport';
import { type SenderWorld, startSenderWorld } from '../testing/sender-world';
import { startTestServices, testBridge } from '../testing/test-services';
import { type ServerWorld, startServerWorld } from './testing/team-world';

// The key swap through the real gate (main's services, loopback DNS and SMTP, a real team server on PGlite):
// an address erased before joining is known only by its hash under this desktop's own key; after joining, new
// keys are the team's, and the gate must still find the old hash. And new emails' one-click links point at
// the joined server.

let world: SenderWorld;
let server: ServerWorld;

beforeAll(async () => {
  world = await startSenderWorld('app-password-t1');
  server = await startServerWorld();
}, OPEN_TIMEOUT_MS);
afterAll(async () => {
  await world?.close();
  await server?.close();
});

describe('the gate after joining a team', () => {
  it('still blocks an address erased before joining, and links one-click unsubscribe to the team server', async () => {
    const { services } = await startTestServices({
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
      await services.profile.set({
        company: 'Acme Analytics GmbH',
        postalAddress: 'Torstraße 1, 10119 Berlin, Germany',
        unsubscribeBaseUrl: 'https://unsubscribe.acme.test',
        unsubscribeMailto: 'unsubscribe@acme.test',
      });
      const draft = (to: string): SendDraft => ({
        mailboxId: mailbox.id,
        to,
        subject: 'Onboarding new analysts at Example',
        html: '<p>Hi,</p><p>We help data teams onboard analysts in half the time. Worth a short call?</p><p>Ana</p>',
        isFirstTouch: true,
        kind: 'one-off',
      });
      const blockedFor = async (to: string) =>
        (await bridge.value('send.preview', draft(to))).reasons.map((r) => r.code);

      // erased before joining: only its hash under this desktop's own key is in the list
      const [ownKey] = await bridge.value('suppression.keys', {
        kind: 'address',
        values: ['gone@example.test'],
      });
      await bridge.value('suppression.apply', { add: [ownKey!], remove: [], complete: true });
      expect(await blockedFor('gone@example.test')).toContain('suppressed-address');

      await bridge.value('team.join', {
        serverUrl: server.base,
        inviteCode: await server.invite('rep', 1, 'ana@acme.test'),
        deviceName: 'gate test',
      });
      const [teamKey] = await bridge.value('suppression.keys', {
        kind: 'address',
        values: ['gone@example.test'],
      });
      expect(teamKey).not.toBe(ownKey);
      expect(await blockedFor('gone@example.test')).toContain('suppressed-address');
      expect(await blockedFor('jane@example.test')).not.toContain('suppressed-address');

      const preview = await bridge.value('send.preview', draft('jane@example.test'));
      const listUnsubscribe = preview.message?.headers.find(
        ([name]) => name.toLowerCase() === 'list-unsubscribe',
      );
      // this team server is plain http on loopback: links stay on the profile's https address, the gate takes no other
      expect(listUnsubscribe?.[1]).toContain('<https://unsubscribe.acme.test/u/');
    } finally {
      await services.close();
    }
  });
});
