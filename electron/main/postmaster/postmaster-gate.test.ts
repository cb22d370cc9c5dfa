import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_TIMEOUT_MS } from '../../../server/src/testing/backends';
import type { SendDraft } from '../../../shared/ipc/send';
import { createSmtpTransport } from '../send/transports/smtp-transport';
import { type ServerWorld, startServerWorld } from '../team/testing/team-world';
import { type GoogleStandin, startGoogleStandin } from '../testing/google-standin';
import { consentingBrowser } from '../testing/oauth-browser';
import { type SenderWorld, startSenderWorld } from '../testing/sender-world';
import { startTestServices, testBridge } from '../testing/test-services';

// The whole loop, with real parts: an admin's desktop connects Google Postmaster Tools (the real sign-in and client
// against the loopback stand-in), reads acme.test's daily spam rate and shares it with the team server (PGlite); a
// rep's desktop pulls the team's documents, and its gate pauses the acme.test mailbox at 0.35%. Deliveries are
// counted at the loopback SMTP server, not in our own journal.

let world: SenderWorld;
let server: ServerWorld;
let google: GoogleStandin;

beforeAll(async () => {
  world = await startSenderWorld('app-password-pm');
  server = await startServerWorld();
  google = await startGoogleStandin({ clientSecret: 'pm-secret' });
}, OPEN_TIMEOUT_MS);
afterAll(async () => {
  await world?.close();
  await server?.close();
  await google?.close();
});

async function adminDesktop() {
  const { services } = await startTestServices({
    oauthEndpoints: { google: google.endpoints },
    openSignInPage: consentingBrowser().openBrowser,
  });
  const bridge = testBridge(services);
  await bridge.value('settings.setOAuth', {
    google: { clientId: google.oauth.clientId, clientSecret: 'pm-secret' },
  });
  return { services, bridge };
}

async function repDesktop() {
  const { services } = await startTestServices({
    smtpCa: world.tls.cert,
    smtpTransport: (o) => createSmtpTransport({ ...o, port: world.smtp.port as 587 }),
    dnsServers: [world.dns.server],
  });
  const bridge = testBridge(services);
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
  await bridge.value('suppression.apply', { add: [], remove: [], complete: true }); // the list has loaded
  return { services, bridge, mailbox };
}

describe('Postmaster Tools figures at the gate', () => {
  it('a 0.35% user-reported spam rate for acme.test pauses the rep’s acme.test mailbox on another desktop', async () => {
    // the test clock starts 2026-11-26 10:00 UTC: Google's latest day is the day before
    google.postmaster.addDomain('acme.test', 'OWNER', { '2026-11-24': 0.0002, '2026-11-25': 0.0035 });
    google.postmaster.addDomain('unverified.test', 'NONE');
    const admin = await adminDesktop();
    const rep = await repDesktop();
    try {
      // a rep may not connect Postmaster Tools; an admin may
      await rep.bridge.value('team.join', {
        serverUrl: server.base,
        inviteCode: await server.invite('rep', 1, 'ana@acme.test'),
        deviceName: 'rep desktop',
      });
      expect((await rep.bridge.call('postmaster.connect', {})).ok).toBe(false);
      await admin.bridge.value('team.join', {
        serverUrl: server.base,
        inviteCode: await server.invite('admin', 1, 'lee@acme.test'),
        deviceName: 'admin desktop',
      });
      const flow = await admin.bridge.value('postmaster.connect', {});
      expect(flow.authorizationUrl).toContain(
        encodeURIComponent('https://www.googleapis.com/auth/postmaster.readonly'),
      );
      const connected = await admin.bridge.value('postmaster.finishConnect', { flowId: flow.flowId });
      expect(connected).toMatchObject({ canConnect: true, connected: true, problem: null });
      expect(connected.domains).toEqual([
        { domain: 'acme.test', permission: 'OWNER', chosen: true },
        { domain: 'unverified.test', permission: 'NONE', chosen: false },
      ]);
      expect(connected.lastFetchAt).not.toBeNull();

      const draft: SendDraft = {
        mailboxId: rep.mailbox.id,
        to: 'jane@example.test',
        subject: 'Onboarding new analysts at Example',
        html: '<p>Hi,</p><p>We help data teams onboard analysts in half the time. Worth a short call?</p><p>Ana</p>',
        isFirstTouch: true,
        kind: 'one-off',
      };
      const codes = async () => (await rep.bridge.value('send.preview', draft)).reasons.map((r) => r.code);
      expect(await codes()).not.toContain('domain-spam-rate-paused');

      // the rep's desktop pulls the team's documents (as its RxDB replication does through main)
      await rep.bridge.value('team.pull', { collection: 'team', checkpoint: null, limit: 100 });
      expect(await codes()).toContain('domain-spam-rate-paused');
      const sent = await rep.bridge.value('send.message', { key: 'pm-1', draft });
      expect(sent.status === 'blocked' && sent.gate.reasons.map((r) => r.code)).toContain(
        'domain-spam-rate-paused',
      );
      expect(world.smtp.received).toHaveLength(0);

      // the Mailboxes screen's card and the Team screen say so, in words
      const [health] = await rep.bridge.value('mailboxes.health', {});
      expect(health?.breaker.state).toBe('paused');
      expect(health?.breaker.reasons[0]?.message).toContain(
        '0.35% of the email from acme.test as spam on 2026-11-25',
      );
      const reputation = await rep.bridge.value('team.reputation', {});
      expect(reputation).toMatchObject({
        joined: true,
        domains: [
          { domain: 'acme.test', state: 'paused', days: [{ date: '2026-11-24' }, { date: '2026-11-25' }] },
        ],
      });

      // the fix the app offers: Resume on the mailbox; the days Google reported up to then judge it no more
      await rep.bridge.value('mailboxes.resume', { id: rep.mailbox.id });
      expect(await codes()).not.toContain('domain-spam-rate-paused');
      const again = await rep.bridge.value('send.message', { key: 'pm-2', draft });
      expect(again.status === 'blocked' ? again.gate.reasons.map((r) => r.code) : again.status).toBe('sent');
      expect(world.smtp.received).toHaveLength(1);
    } finally {
      await admin.services.close();
      await rep.services.close();
    }
  }, 120_000);
});
