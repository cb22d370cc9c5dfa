import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../../server/src/accounts/invites';
import { type App, buildApp } from '../../../server/src/app';
import { OPEN_TIMEOUT_MS, openTestDb, type TestDb } from '../../../server/src/testing/backends';
import { makeTeam, type TestTeam } from '../../../server/src/testing/fixtures';
import type { AppError } from '../../../shared/ipc/result';
import { probeCertificate } from '../certificates/probe';
import { createTrustStore } from '../certificates/trust-store';
import { checkTeamServer } from '../settings/team-server-check';
import { certificateAuthority, selfSignedCertificate, testCertificate } from '../testing/self-signed';
import { createTeamService } from './team-service';
import { createTeamTls } from './team-tls';
import { type DesktopMain, desktopMain } from './testing/team-world';

const fingerprintOf = (pem: string) => new X509Certificate(pem).fingerprint256;
const until = async (check: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** A desktop's team service with main's certificate trust (its own file), over desktopMain's real pieces. */
function withTls(d: DesktopMain) {
  const tls = createTeamTls({
    store: createTrustStore(join(d.dir, 'trusted-team-certificates.json')),
    probe: (endpoint) => probeCertificate(endpoint),
    now: Date.now,
  });
  const team = createTeamService({ ...d, now: Date.now, tls, maxStreamBackoffMs: 300 });
  return { tls, team };
}

describe('a team server on HTTPS with a self-signed certificate, against a real server on PGlite', () => {
  let t: TestDb;
  let team: TestTeam;
  let app: App;
  let port = 0;
  let base = '';
  const first = selfSignedCertificate();
  const desktops: DesktopMain[] = [];
  const closers: (() => Promise<unknown>)[] = [];

  const serve = async (cert: { cert: string; key: string }) => {
    app = await buildApp({
      db: t.db,
      logLevel: false,
      https: { cert: Buffer.from(cert.cert), key: Buffer.from(cert.key) },
    });
    await app.listen({ host: '127.0.0.1', port });
    port = (app.server.address() as AddressInfo).port;
  };
  const invite = async () =>
    (
      await createInvite(
        t.db,
        { ...team, role: 'owner' },
        { role: 'rep', ttlHours: 1, email: `r${desktops.length}@acme.test` },
      )
    ).code;
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected a refusal');
      },
      (e: AppError) => e,
    );

  beforeAll(async () => {
    t = await openTestDb('pglite');
    team = await makeTeam(t.db, 'Acme Sales', 'owner@acme.test');
    await serve(first);
    base = `https://127.0.0.1:${port}`;
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    for (const close of closers) await close();
    for (const d of desktops) await d.close();
    await app?.close();
    await t?.dispose();
  }, OPEN_TIMEOUT_MS);

  it('refuses to join naming the cause and the certificate; trusted from main, every team call works; another certificate later is refused again', async () => {
    const d = await desktopMain('tls');
    desktops.push(d);
    const { tls, team: service } = withTls(d);
    closers.push(
      async () => service.close(),
      () => tls.close(),
    );

    // 1. refused, with the cause in words and the certificate's own facts (read independently here)
    const refused = await refusal(
      service.join({ serverUrl: base, inviteCode: await invite(), deviceName: 'laptop' }),
    );
    expect(refused.message).toMatch(/team server’s certificate is self-signed/);
    expect(refused.certificate?.causes).toEqual(['self-signed']);
    expect(refused.certificate?.certificate).toMatchObject({
      subject: '127.0.0.1',
      issuer: '127.0.0.1',
      fingerprint256: fingerprintOf(first.cert),
      selfSigned: true,
    });
    expect(refused.certificate?.canTrust).toBe(true);
    expect(service.status().joined).toBe(false);

    // a fingerprint other than the one the server shows is not trusted
    const other = fingerprintOf(selfSignedCertificate().cert);
    await expect(service.trustCertificate(base, other)).rejects.toThrow(/different certificate/);

    // 2. trusted: stored in main's file with its fingerprint (the PEM stays in main); the join and every call work
    const view = await service.trustCertificate(base, fingerprintOf(first.cert));
    expect(view).toMatchObject({ host: '127.0.0.1', port, fingerprint256: fingerprintOf(first.cert) });
    expect(view).not.toHaveProperty('pem');
    const joined = await service.join({ serverUrl: base, inviteCode: await invite(), deviceName: 'laptop' });
    expect(joined).toMatchObject({ joined: true, teamName: 'Acme Sales', problem: null });
    expect(joined.trustedCertificate?.fingerprint256).toBe(fingerprintOf(first.cert));
    expect((await service.pull('suppression', null, 10)).documents).toEqual([]);
    expect(await service.get('/v1/me')).toMatchObject({ teamName: 'Acme Sales' });
    expect(await service.manage('/v1/members')).toHaveLength(2);
    // the profile's health check of the unsubscribe address (the team server's) uses the same pin
    expect(await checkTeamServer(base, { now: Date.now, pinned: tls.pinFor(base) })).toMatchObject({
      answered: true,
    });
    expect(await checkTeamServer(base, { now: Date.now })).toMatchObject({ answered: false });
    await until(() => service.status().connected); // the live streams (SSE) through the same trust

    // 3. the server comes back with another certificate on the same address: refused as changed, everywhere
    await app.close();
    const second = selfSignedCertificate();
    await serve(second);
    // (the first call may meet the old server's kept-alive socket closing: "cannot reach"; the next connects)
    let changed = await refusal(service.pull('suppression', null, 10));
    for (let i = 0; i < 3 && !changed.certificate; i++)
      changed = await refusal(service.pull('suppression', null, 10));
    expect(changed.certificate?.causes).toEqual(['changed']);
    expect(changed.certificate?.certificate?.fingerprint256).toBe(fingerprintOf(second.cert));
    expect(changed.message).toMatch(/not the one you trusted for 127\.0\.0\.1/);
    expect(service.status().problem?.certificate?.causes).toEqual(['changed']);
    await until(() => !service.status().connected);
    await expect(service.get('/v1/me')).rejects.toThrow(/not the one you trusted/);
  });

  it('names an unknown authority, a wrong host name and an expired certificate, with the certificate', async () => {
    const ca = certificateAuthority('Acme Internal CA');
    const cases = [
      {
        cert: testCertificate({
          commonName: '127.0.0.1',
          hosts: ['127.0.0.1'],
          organisation: 'Acme',
          issuer: ca,
        }),
        causes: ['unknown-authority'],
        words: /signed by “Acme Internal CA”, an issuer this computer does not trust/,
        canTrust: true,
      },
      {
        cert: testCertificate({ commonName: 'team.acme.test', hosts: ['team.acme.test'], issuer: ca }),
        causes: ['unknown-authority', 'wrong-host'],
        words: /is for team\.acme\.test, not 127\.0\.0\.1/,
        canTrust: true,
      },
      {
        cert: testCertificate({
          commonName: '127.0.0.1',
          hosts: ['127.0.0.1'],
          notBefore: new Date(Date.now() - 3 * 86_400_000),
          notAfter: new Date(Date.now() - 86_400_000),
        }),
        causes: ['expired', 'self-signed'],
        words: /certificate expired on/,
        canTrust: false,
      },
    ];
    const d = await desktopMain('tls-causes');
    desktops.push(d);
    const { tls, team: service } = withTls(d);
    closers.push(() => tls.close());
    for (const c of cases) {
      const server: Server = createServer({ cert: c.cert.cert, key: c.cert.key }, (_req, res) => res.end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const at = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const e = await refusal(service.join({ serverUrl: at, inviteCode: 'fsi_whatever', deviceName: 'x' }));
        expect(e.certificate?.causes, c.causes.join()).toEqual(c.causes);
        expect(e.message).toMatch(c.words);
        expect(e.certificate?.certificate?.fingerprint256).toBe(fingerprintOf(c.cert.cert));
        expect(e.certificate?.canTrust).toBe(c.canTrust);
        if (!c.canTrust)
          await expect(service.trustCertificate(at, fingerprintOf(c.cert.cert))).rejects.toThrow(
            /cannot be trusted/,
          );
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });
});
