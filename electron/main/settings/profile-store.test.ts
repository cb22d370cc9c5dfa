import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProfileStore } from './profile-store';

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
    createProfileStore(file).set(good);
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
    expect(() => createProfileStore(file).set({ ...good, ...patch })).toThrow(message);
    expect(createProfileStore(file).get()).toBeNull();
  });

  it('refuses a damaged file rather than sending without an identity', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fairsend-profile-')), 'profile.json');
    await writeFile(file, '{oops');
    expect(() => createProfileStore(file)).toThrow(/damaged/);
  });
});
