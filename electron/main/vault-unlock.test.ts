import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { dispatch } from '../../shared/ipc/dispatch';
import { createHandlers } from './handlers';
import { createMainServices } from './services';
import { createFileStore } from './vault/file-store';

// Linux without a keyring, as index.ts wires it: no sealer, secrets refused, until the rep unlocks with a
// passphrase; the next session must give the same passphrase.

async function session(dataDir: string) {
  const services = await createMainServices({
    dataDir,
    sealer: null,
    sealerUnavailableReason: 'No keyring (GNOME Keyring or KWallet) is running.',
    ciphertexts: createFileStore(join(dataDir, 'sealed-secrets.json')),
    appInfo: () => ({ name: 'Fairsend', version: 't', mode: 'desktop', platform: 'linux' }),
    openExternal: async () => {},
    passphraseScrypt: { N: 2 ** 10, r: 8, p: 1 },
  });
  const handlers = createHandlers(services);
  const call = (channel: Parameters<typeof dispatch>[1], payload: unknown) =>
    dispatch(handlers, channel, payload, { transport: 'ipc' });
  return { services, call };
}

it('refuses secrets without a keyring until a passphrase unlocks the vault for the session', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'fairsend-unlock-'));
  const first = await session(dataDir);
  expect(await first.call('app.info', {})).toMatchObject({ ok: true, value: { secretStorage: 'none' } });
  expect(await first.call('suppression.keys', { kind: 'address', values: ['a@b.test'] })).toMatchObject({
    ok: false,
    error: { code: 'unavailable', message: expect.stringContaining('No keyring') },
  });
  expect(await first.call('vault.unlockWithPassphrase', { passphrase: 'short' })).toMatchObject({
    ok: false,
    error: { code: 'invalid-input', message: expect.stringContaining('at least 12') },
  });
  const unlocked = await first.call('vault.unlockWithPassphrase', { passphrase: 'a long enough passphrase' });
  expect(unlocked).toMatchObject({ ok: true, value: { secretStorage: 'passphrase' } });
  const keys = await first.call('suppression.keys', { kind: 'address', values: ['a@b.test'] });
  expect(keys.ok).toBe(true);
  expect(
    await first.call('vault.unlockWithPassphrase', { passphrase: 'a long enough passphrase' }),
  ).toMatchObject({
    ok: false,
    error: { code: 'conflict' },
  });
  await first.services.close();

  const second = await session(dataDir);
  expect(
    await second.call('vault.unlockWithPassphrase', { passphrase: 'some other passphrase' }),
  ).toMatchObject({
    ok: false,
    error: { code: 'forbidden', message: expect.stringContaining('does not match') },
  });
  expect((await second.call('app.info', {})) as unknown).toMatchObject({ value: { secretStorage: 'none' } });
  await second.call('vault.unlockWithPassphrase', { passphrase: 'a long enough passphrase' });
  // the same team key as before: it was sealed with the passphrase key and opens again
  expect(await second.call('suppression.keys', { kind: 'address', values: ['a@b.test'] })).toEqual(keys);
  await second.services.close();
});
