import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateEndpoint } from '../../../shared/mailboxes/certificate-problems';
import { createImapReader } from '../send/transports/imap-reader';
import { createSmtpTransport, type SmtpOptions } from '../send/transports/smtp-transport';
import { startLoopbackImap } from '../testing/loopback-imap';
import { type LoopbackSmtp, startLoopbackSmtp } from '../testing/loopback-smtp';
import { certificateAuthority, testCertificate } from '../testing/self-signed';
import { createCertificateTrust } from './certificate-trust';
import { probeCertificate } from './probe';
import { createTrustStore } from './trust-store';

// Real STARTTLS servers on loopback with certificates made to order; the rep's side is the wrapped transport
// main uses. Deliveries are counted at the receiving server.

const DAY = 86_400_000;
const corpCa = certificateAuthority('Corp Root CA');
const certs = {
  selfSigned: testCertificate({ commonName: 'Acme relay', organisation: 'Acme', hosts: ['127.0.0.1'] }),
  expired: testCertificate({
    commonName: 'Old relay',
    hosts: ['127.0.0.1'],
    notBefore: new Date(Date.now() - 40 * DAY),
    notAfter: new Date(Date.now() - 10 * DAY),
  }),
  // signed by an authority this process is told to trust (FAIRSEND_SMTP_CA), but for another name
  wrongHost: testCertificate({ commonName: 'relay.acme.test', hosts: ['relay.acme.test'], issuer: corpCa }),
  unknownIssuer: testCertificate({ commonName: 'Signed relay', hosts: ['127.0.0.1'], issuer: corpCa }),
  other: testCertificate({ commonName: 'Impostor relay', hosts: ['127.0.0.1'] }),
};

const servers: Record<keyof typeof certs, LoopbackSmtp> = {} as never;
let dir: string;
beforeAll(async () => {
  for (const [name, tls] of Object.entries(certs))
    servers[name as keyof typeof certs] = await startLoopbackSmtp({ tls });
  dir = mkdtempSync(join(tmpdir(), 'fairsend-trust-'));
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** The rep always types 127.0.0.1 port 587; the test decides which server answers there. */
function world(route: { to: LoopbackSmtp; extraCa?: string }) {
  const file = join(dir, `trusted-${Math.random()}.json`);
  const trust = createCertificateTrust({
    store: createTrustStore(file),
    probe: (endpoint) => probeCertificate({ ...endpoint, port: route.to.port }, { extraCa: route.extraCa }),
    now: Date.now,
  });
  const smtp = trust.smtpTransports((options: SmtpOptions) =>
    createSmtpTransport({ ...options, port: route.to.port as 587, timeoutMs: 5000 }),
  );
  const transport = (extra: Partial<SmtpOptions> = {}) =>
    smtp({
      host: '127.0.0.1',
      port: 587,
      security: 'starttls',
      ...(route.extraCa ? { ca: route.extraCa } : {}),
      ...extra,
    });
  return { trust, transport, file };
}

const endpoint: CertificateEndpoint = {
  protocol: 'smtp',
  host: '127.0.0.1',
  port: 587,
  security: 'starttls',
};
const message = {
  raw: Buffer.from('Subject: hi\r\n\r\nHello\r\n'),
  from: 'rep@acme.test',
  to: ['ana@prospect.test'],
};
const noCommit = async () => {};

describe('a refused certificate names its cause and shows the certificate', () => {
  it('self-signed: the cause, subject, issuer, dates and fingerprint', async () => {
    const result = await world({ to: servers.selfSigned }).transport().verify();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('rejected-permanent');
    expect(result.error.message).toMatch(/certificate is self-signed/);
    expect(result.error.certificate).toMatchObject({
      causes: ['self-signed'],
      canTrust: true,
      endpoint,
      certificate: { subject: 'Acme relay (Acme)', issuer: 'Acme relay (Acme)', selfSigned: true },
    });
    expect(result.error.certificate?.certificate?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(Date.parse(result.error.certificate?.certificate?.validTo ?? '')).toBeGreaterThan(Date.now());
  });

  it('expired: says when, and cannot be trusted', async () => {
    const { transport, trust } = world({ to: servers.expired });
    const result = await transport().verify();
    expect(result).toMatchObject({ ok: false, error: { certificate: { canTrust: false } } });
    if (result.ok) return;
    expect(result.error.certificate?.causes).toContain('expired');
    const validTo = new Date(result.error.certificate?.certificate?.validTo ?? 0);
    expect(result.error.message).toContain(
      `expired on ${validTo.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}`,
    );
    const fingerprint = result.error.certificate?.certificate?.fingerprint256 ?? '';
    await expect(trust.trust(endpoint, fingerprint)).rejects.toThrow(/cannot be trusted/);
  });

  it('wrong host name: the names it is for, and the one entered', async () => {
    const result = await world({ to: servers.wrongHost, extraCa: corpCa.cert }).transport().verify();
    expect(result).toMatchObject({
      ok: false,
      error: { certificate: { causes: ['wrong-host'], certificate: { subject: 'relay.acme.test' } } },
    });
    if (!result.ok)
      expect(result.error.message).toMatch(/certificate is for relay\.acme\.test, not 127\.0\.0\.1/);
  });

  it('unknown authority: names the issuer this computer does not trust', async () => {
    const result = await world({ to: servers.unknownIssuer }).transport().verify();
    expect(result).toMatchObject({
      ok: false,
      error: {
        certificate: {
          causes: ['unknown-authority'],
          certificate: { subject: 'Signed relay', issuer: 'Corp Root CA' },
        },
      },
    });
    if (!result.ok)
      expect(result.error.message).toMatch(
        /signed by “Corp Root CA”, an issuer this computer does not trust/,
      );
  });

  it('a failed send says the cause too (nothing delivered)', async () => {
    const before = servers.selfSigned.received.length;
    const result = await world({ to: servers.selfSigned }).transport().deliver(message, noCommit);
    expect(result).toMatchObject({ ok: false, error: { certificate: { causes: ['self-signed'] } } });
    expect(servers.selfSigned.received.length).toBe(before);
  });
});

describe('trusting a certificate pins exactly that one for the host and port', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => void (await Promise.all(open.splice(0).map((t) => t.close()))));

  for (const name of ['selfSigned', 'unknownIssuer'] as const) {
    it(`${name}: after trusting, the message is delivered; another certificate there is refused`, async () => {
      const route = { to: servers[name] };
      const { trust, transport } = world(route);
      const refused = await transport().verify();
      if (refused.ok) throw new Error('expected a refusal');
      const fingerprint = refused.error.certificate?.certificate?.fingerprint256 ?? '';
      const listed = await trust.trust(endpoint, fingerprint);
      expect(listed).toMatchObject([{ host: '127.0.0.1', port: 587, fingerprint256: fingerprint }]);

      const before = servers[name].received.length;
      const pinned = transport();
      open.push(pinned);
      expect(await pinned.deliver(message, noCommit)).toMatchObject({ ok: true });
      expect(servers[name].received.length).toBe(before + 1);

      // the same host and port now answers with a different certificate: refused, and said so
      route.to = servers.other;
      const otherBefore = servers.other.received.length;
      const impostor = await transport().deliver(message, noCommit);
      expect(impostor).toMatchObject({ ok: false, error: { certificate: { causes: ['changed'] } } });
      if (!impostor.ok) expect(impostor.error.message).toMatch(/not the one you trusted for 127\.0\.0\.1/);
      expect(servers.other.received.length).toBe(otherBefore);
    });
  }

  it('a pinned transport built before a removal refuses after it', async () => {
    const { trust, transport } = world({ to: servers.selfSigned });
    const probed = await probeCertificate({ ...endpoint, port: servers.selfSigned.port });
    await trust.trust(endpoint, probed.certificate.fingerprint256);
    const pooled = transport({ pool: true });
    open.push(pooled);
    expect(await pooled.verify()).toEqual({ ok: true, value: null });
    expect(trust.remove('127.0.0.1', 587)).toEqual([]);
    expect(await pooled.verify()).toMatchObject({
      ok: false,
      error: { certificate: { causes: ['self-signed'] } },
    });
  });

  it('refuses to trust when the server now shows another certificate than the one looked at', async () => {
    const { trust } = world({ to: servers.other });
    const seen = await probeCertificate({ ...endpoint, port: servers.selfSigned.port });
    await expect(trust.trust(endpoint, seen.certificate.fingerprint256)).rejects.toThrow(
      /different certificate/,
    );
    expect(trust.list()).toEqual([]);
  });

  it('keeps the trusted certificates in main’s file across a restart', async () => {
    const { trust, file } = world({ to: servers.selfSigned });
    const probed = await probeCertificate({ ...endpoint, port: servers.selfSigned.port });
    await trust.trust(endpoint, probed.certificate.fingerprint256);
    expect(createTrustStore(file).pinFor('127.0.0.1', 587)).toEqual({
      fingerprint256: probed.certificate.fingerprint256,
      pem: probed.pem,
    });
  });
});

describe('IMAP', () => {
  const login = { user: 'rep@acme.test', password: 'imap-pass-7' };
  /** the trust and the wrapped reader main uses, for a loopback IMAP server on its own port */
  function imapWorld(name: string, port: number, security: 'tls' | 'starttls') {
    const trust = createCertificateTrust({
      store: createTrustStore(join(dir, `${name}.json`)),
      probe: probeCertificate,
      now: Date.now,
    });
    const endpoint = { protocol: 'imap', host: '127.0.0.1', port, security } as const;
    const reader = () =>
      trust.imapReaders(createImapReader)({ ...endpoint, port: port as 993, timeoutMs: 5000, ...login });
    return { trust, endpoint, reader };
  }
  it('reads the certificate of an implicit-TLS server (port 993 style) and pins a leaf from an unknown issuer', async () => {
    const imap = await startLoopbackImap({ ...login, tls: certs.unknownIssuer, implicitTls: true });
    try {
      const { trust, endpoint: imapEndpoint, reader } = imapWorld('imap-993', imap.port, 'tls');
      const probed = await probeCertificate(imapEndpoint);
      expect(probed).toMatchObject({
        verifyError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        hostMatches: true,
        certificate: { subject: 'Signed relay', issuer: 'Corp Root CA', selfSigned: false },
      });
      expect(await reader().verify()).toMatchObject({
        ok: false,
        error: { certificate: { causes: ['unknown-authority'] } },
      });
      await trust.trust(imapEndpoint, probed.certificate.fingerprint256);
      expect(await reader().verify()).toEqual({ ok: true, value: null });
    } finally {
      await imap.close();
    }
  });

  it('names the cause for an IMAP server over STARTTLS, and connects once trusted', async () => {
    const imap = await startLoopbackImap({ ...login, tls: certs.selfSigned });
    try {
      const { trust, endpoint: imapEndpoint, reader } = imapWorld('imap-143', imap.port, 'starttls');
      const refused = await reader().verify();
      expect(refused).toMatchObject({ ok: false, error: { certificate: { causes: ['self-signed'] } } });
      if (refused.ok) return;
      expect(refused.error.message).toMatch(/IMAP server’s certificate is self-signed/);
      await trust.trust(imapEndpoint, refused.error.certificate?.certificate?.fingerprint256 ?? '');
      expect(await reader().verify()).toEqual({ ok: true, value: null });
    } finally {
      await imap.close();
    }
  });
});
