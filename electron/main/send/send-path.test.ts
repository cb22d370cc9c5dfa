import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../shared/audit/chain';
import type { SendDraft } from '../../../shared/ipc/send';
import { createKeySealer } from '../secrets/sealer';
import type { createMainServices } from '../services';
import { type SenderWorld, startSenderWorld } from '../testing/sender-world';
import { startTestServices } from '../testing/test-services';
import { createSmtpTransport } from './transports/smtp-transport';

// The whole send path in main, with real parts: a loopback DNS server for MX/SPF/DKIM/DMARC, a loopback
// SMTP server with STARTTLS and a login, the real vault, journal, audit log and gate.

let world: SenderWorld;
let services: Awaited<ReturnType<typeof createMainServices>>;
let mailboxId = '';

beforeAll(async () => {
  world = await startSenderWorld('app-password-x1');
});
afterAll(async () => {
  await world?.close();
});

/** The real services, pointed at the loopback DNS and SMTP servers, with an SMTP mailbox (DKIM key) connected. */
async function servicesWithMailbox(key: number) {
  const { services: built } = await startTestServices({
    sealer: createKeySealer(Buffer.alloc(32, key)),
    smtpCa: world.tls.cert,
    smtpTransport: (o) => createSmtpTransport({ ...o, port: world.smtp.port as 587 }),
    dnsServers: [world.dns.server],
  });
  const mailbox = await built.mailboxes.connectSmtp({
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
  return { built, mailbox };
}

beforeEach(async () => {
  await services?.close();
  const { built, mailbox } = await servicesWithMailbox(5);
  services = built;
  mailboxId = mailbox.id;
  services.profile.set({
    company: 'Acme Analytics GmbH',
    postalAddress: 'Torstraße 1, 10119 Berlin, Germany',
    unsubscribeBaseUrl: 'https://team.acme.test',
    unsubscribeMailto: 'unsubscribe@acme.test',
  });
  services.suppression.apply({ add: [], remove: [], complete: true });
  world.smtp.received.length = 0;
});
afterAll(() => services?.close());

const draft = (over: Partial<SendDraft> = {}): SendDraft => ({
  mailboxId,
  to: 'Jane.Doe@Example.test',
  toName: 'Jane Doe',
  subject: 'Onboarding new analysts at Example',
  html: '<p>Hi Jane,</p><p>We help data teams onboard analysts in half the time. Worth a short call next week?</p><p>Ana</p>',
  isFirstTouch: true,
  kind: 'one-off',
  ...over,
});

describe('the send path', () => {
  it('sends a clean email with the RFC 8058 headers, the footer and a DKIM signature that verifies', async () => {
    const outcome = await services.send.send('k-clean', draft());
    expect(outcome).toMatchObject({ status: 'sent' });
    expect(world.smtp.received).toHaveLength(1);
    expect(world.smtp.received[0]?.to).toEqual(['jane.doe@example.test']);
    const mail = await world.smtp.parsed(0);
    expect(mail.from?.value).toEqual([{ address: 'ana@acme.test', name: 'Ana Rep' }]);
    const header = (key: string) => mail.headerLines.find((h) => h.key === key)?.line ?? '';
    expect(header('list-unsubscribe')).toMatch(/<https:\/\/team\.acme\.test\/u\/[\w-]+\.[\w-]+>/);
    expect(header('list-unsubscribe')).toContain('mailto:unsubscribe@acme.test');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.text).toContain('Torstraße 1, 10119 Berlin, Germany');
    expect(mail.text).toContain('https://team.acme.test/u/');
    expect(mail.html).toContain('Acme Analytics GmbH');
    const verdict = await dkimVerify(world.smtp.received[0]?.raw ?? Buffer.alloc(0), {
      resolver: (name: string, type: string) => world.dns.resolver.resolve(name, type) as Promise<string[][]>,
    });
    expect(verdict.results[0]?.status.result).toBe('pass');
  });

  it('never sends twice for one idempotency key', async () => {
    const first = await services.send.send('k-once', draft());
    // the journal's Message-ID comes back: a follow-up recorded after a crash still threads under it
    expect(await services.send.send('k-once', draft())).toEqual({
      status: 'duplicate',
      state: 'sent',
      messageId: first.status === 'sent' ? first.messageId : 'not sent',
    });
    expect(world.smtp.received).toHaveLength(1);
  });

  it.each([
    [
      'a suppressed address',
      async () => suppress('address', 'jane.doe@example.test'),
      {},
      'suppressed-address',
    ],
    ['a suppressed domain', async () => suppress('domain', 'example.test'), {}, 'suppressed-domain'],
    ['a domain with no mail server', async () => {}, { to: 'x@nowhere.test' }, 'domain-not-found'],
    [
      'header injection in the subject',
      async () => {},
      { subject: 'Hi\r\nBcc: all@example.test' },
      'header-injection',
    ],
    ['a fake Re: on a first touch', async () => {}, { subject: 'Re: our call' }, 'deceptive-subject'],
    [
      'a URL shortener',
      async () => {},
      { html: '<p>See <a href="https://bit.ly/x1">this</a></p>' },
      'link-shortener',
    ],
  ] as const)('blocks %s before any byte leaves, and audits why', async (_name, arrange, over, code) => {
    await arrange();
    const outcome = await services.send.send(`k-${code}`, draft(over));
    expect(outcome.status).toBe('blocked');
    if (outcome.status !== 'blocked') return;
    expect(outcome.gate.reasons.map((r) => r.code)).toContain(code);
    expect(outcome.audit.type).toBe('send.blocked');
    expect(JSON.stringify(outcome.audit)).not.toMatch(/jane|example\.test/i);
    expect(world.smtp.received).toHaveLength(0);
  });

  it('holds every send until the sender identity is set and the suppression list has loaded', async () => {
    const { built: fresh, mailbox } = await servicesWithMailbox(6);
    const outcome = await fresh.send.send('k-held', { ...draft(), mailboxId: mailbox.id });
    expect(outcome.status === 'blocked' && outcome.gate.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['identity-missing', 'suppression-not-ready']),
    );
    expect(world.smtp.received).toHaveLength(0);
    await fresh.close();
  });

  it('holds a sequence step to the window its draft carries, not the default business hours', async () => {
    // the services' clock reads Thursday 26 November 2026, 10:00 UTC: inside the default 08:00–18:00
    const days = [1, 2, 3, 4, 5];
    const step = (key: string, window: SendDraft['window']) =>
      services.send.send(key, draft({ kind: 'sequence', leadTimeZone: 'UTC', window }));
    const closed = await step('k-window-closed', { startHour: 13, endHour: 17, days });
    expect(closed.status === 'blocked' && closed.gate.reasons.map((r) => r.code)).toContain(
      'outside-send-window',
    );
    expect(await step('k-window-open', { startHour: 10, endHour: 11, days })).toMatchObject({
      status: 'sent',
    });
    expect(world.smtp.received).toHaveLength(1);
  });

  it('stops at the new mailbox’s ramp-up cap of 10 a day', async () => {
    for (let i = 0; i < 10; i++)
      expect((await services.send.send(`k-cap-${i}`, draft())).status).toBe('sent');
    const eleventh = await services.send.send('k-cap-10', draft());
    expect(eleventh.status === 'blocked' && eleventh.gate.reasons.map((r) => r.code)).toContain(
      'daily-cap-reached',
    );
    expect(world.smtp.received).toHaveLength(10);
  });

  it('shows the rep exactly what will be sent, with hints, before sending', async () => {
    const preview = await services.send.preview(draft({ subject: 'FREE!!! Act now' }));
    expect(preview.verdict).not.toBe('ok');
    expect(preview.reasons.length).toBeGreaterThan(0);
    expect(preview.reasons.every((r) => r.message.length > 10)).toBe(true);
    const names = preview.message?.headers.map(([k]) => k.toLowerCase()) ?? [];
    expect(names).toEqual(
      expect.arrayContaining(['from', 'to', 'subject', 'list-unsubscribe', 'list-unsubscribe-post']),
    );
    expect(preview.message?.text).toContain('Torstraße 1');
    expect(world.smtp.received).toHaveLength(0);
  });

  it('keeps one unbroken audit chain across sent and blocked attempts', async () => {
    await services.send.send('k-a1', draft());
    await services.send.send('k-a2', draft({ subject: 'Re: hello' }));
    const events = services.audit.since(0);
    expect(events.map((e) => e.type)).toEqual(['send.sent', 'send.blocked']);
    expect(await verifyChain(events, null)).toBeNull();
  });
});

async function suppress(kind: 'address' | 'domain', value: string) {
  const [key] = await services.teamKey.suppressionKeys(kind, [value]);
  services.suppression.apply({ add: [key ?? ''], remove: [], complete: true });
}
