import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../testing/self-signed';
import { createProfileStore } from './profile-store';
import { checkTeamServer } from './team-server-check';

const good = {
  company: 'Acme Analytics GmbH',
  postalAddress: 'Torstraße 1, 10119 Berlin, Germany',
  unsubscribeBaseUrl: 'https://team.acme.example',
  unsubscribeMailto: 'unsubscribe@acme.example',
};

describe('compliance profile', () => {
  it('is missing until set, then survives a restart', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fairsend-profile-')), 'profile.json');
    expect(createProfileStore(file).get()).toBeNull();
    await createProfileStore(file).set(good);
    expect(createProfileStore(file).get()).toEqual(good);
  });

  it.each([
    [{ postalAddress: 'Berlin' }, /full postal address/],
    [{ postalAddress: 'no numbers in this address at all' }, /street or box number/],
    [{ unsubscribeBaseUrl: 'http://team.acme.example' }, /https/],
    [{ unsubscribeMailto: 'not-an-address' }, /unsubscribe emails/],
    [{ company: 'A' }, /company name/],
  ])('refuses %j', async (patch, message) => {
    const file = join(await mkdtemp(join(tmpdir(), 'fairsend-profile-')), 'profile.json');
    await expect(createProfileStore(file).set({ ...good, ...patch })).rejects.toThrow(message);
    expect(createProfileStore(file).get()).toBeNull();
  });

  it('refuses a damaged file rather than sending without an identity', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fairsend-profile-')), 'profile.json');
    await writeFile(file, '{oops');
    expect(() => createProfileStore(file)).toThrow(/damaged/);
  });
});

// A real HTTPS server on loopback stands for the team server; a closed port for one that is not there.
describe('the team server address, checked when saved', () => {
  const tls = selfSignedCertificate();
  let server: Server;
  let base = '';
  const paths: string[] = [];
  beforeAll(async () => {
    server = createServer(tls, (req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(req.url === '/health' ? 200 : 404).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const store = async () =>
    createProfileStore(join(await mkdtemp(join(tmpdir(), 'fairsend-profile-')), 'profile.json'), {
      checkTeamServer: (address) =>
        checkTeamServer(address, { now: () => 42, ca: tls.cert, timeoutMs: 1500 }),
    });

  it('records that it answered at /health', async () => {
    const profile = await store();
    await profile.set({ ...good, unsubscribeBaseUrl: base });
    expect(paths).toContain('/health');
    expect(profile.teamServerStatus()).toEqual({ address: base, checkedAt: 42, answered: true });
  });

  it('saves an address that does not answer, and keeps a warning that says why', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fairsend-profile-')), 'profile.json');
    const check = (address: string) => checkTeamServer(address, { now: () => 7, timeoutMs: 1500 });
    const closed = 'https://127.0.0.1:9';
    await createProfileStore(file, { checkTeamServer: check }).set({ ...good, unsubscribeBaseUrl: closed });
    const reopened = createProfileStore(file, { checkTeamServer: check });
    expect(reopened.get()?.unsubscribeBaseUrl).toBe(closed);
    expect(reopened.teamServerStatus()).toMatchObject({ address: closed, answered: false });
    expect(reopened.teamServerStatus()?.problem).toMatch(/Nothing is listening/);
  });

  it('says a server whose certificate is not trusted does not answer', async () => {
    const status = await checkTeamServer(base, { now: () => 1, timeoutMs: 1500 });
    expect(status).toMatchObject({ answered: false, problem: expect.stringMatching(/certificate/) });
  });
});
