import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMainConfig } from '../config';
import { createKeySealer } from '../secrets/sealer';
import { createFileStore } from '../vault/file-store';
import { createVault } from '../vault/vault';
import { createOAuthSettingsStore } from './oauth-settings';

const GOOGLE_ID = '1234-abc.apps.googleusercontent.com';
const MS_ID = '6f1c2a3b-0000-4000-8000-00000000abcd';

async function setup(keyring = true) {
  const dir = await mkdtemp(join(tmpdir(), 'fairsend-oauth-settings-'));
  const vault = createVault(
    createFileStore(join(dir, 'secrets.json')),
    keyring ? createKeySealer(Buffer.alloc(32, 2)) : null,
    'No keyring.',
  );
  const file = join(dir, 'oauth.json');
  return { file, vault, store: createOAuthSettingsStore(file, vault) };
}

describe('OAuth client settings', () => {
  it('keeps ids in a file and the Google client secret only in the vault; the view never shows it', async () => {
    const { file, vault, store } = await setup();
    expect(await store.get()).toEqual({ google: null, microsoft: null, customEndpoints: false });
    const view = await store.set({
      google: { clientId: GOOGLE_ID, clientSecret: 'GOCSPX-not-really-secret' },
      microsoft: { clientId: MS_ID, tenant: 'organizations' },
    });
    expect(view).toEqual({
      google: { clientId: GOOGLE_ID, hasClientSecret: true },
      microsoft: { clientId: MS_ID, tenant: 'organizations' },
      customEndpoints: false,
    });
    expect(await readFile(file, 'utf8')).not.toContain('GOCSPX');
    expect(await vault.take('oauth:google:client-secret')).toBe('GOCSPX-not-really-secret');
    expect(await store.gmail()).toMatchObject({
      clientId: GOOGLE_ID,
      clientSecret: 'GOCSPX-not-really-secret',
    });
    expect(store.outlook()).toEqual({
      clientId: MS_ID,
      authority: 'https://login.microsoftonline.com/organizations',
    });
    // absent leaves as is; '' removes the secret; null removes the client
    await store.set({ google: { clientId: GOOGLE_ID } });
    expect((await store.get()).google?.hasClientSecret).toBe(true);
    await store.set({ google: { clientId: GOOGLE_ID, clientSecret: '' } });
    expect((await store.get()).google?.hasClientSecret).toBe(false);
    await store.set({ microsoft: null });
    expect(store.outlook()).toBeNull();
  });

  it('rejects ids that are not ids, and refuses a secret it cannot seal without changing anything', async () => {
    const { store } = await setup(false);
    await expect(store.set({ google: { clientId: 'not-a-client' } })).rejects.toThrow(/googleusercontent/);
    await expect(store.set({ microsoft: { clientId: 'abc', tenant: 'common' } })).rejects.toThrow(/GUID/);
    await expect(
      store.set({ google: { clientId: GOOGLE_ID, clientSecret: 'x-secret' } }),
    ).rejects.toMatchObject({ code: 'unavailable' });
    expect((await store.get()).google).toBeNull();
    expect((await store.set({ google: { clientId: GOOGLE_ID } })).google?.hasClientSecret).toBe(false);
  });

  it('points at stand-ins through env vars, and says so', async () => {
    const env = readMainConfig({
      FAIRSEND_GOOGLE_AUTH_BASE_URL: 'http://127.0.0.1:1/auth',
      FAIRSEND_MICROSOFT_LOGIN_BASE_URL: 'https://127.0.0.1:2',
      UNRELATED: 'x',
    }).oauthEndpoints;
    expect(env).toEqual({
      google: { authBaseUrl: 'http://127.0.0.1:1/auth' },
      microsoft: { loginBaseUrl: 'https://127.0.0.1:2' },
    });
    const { file, vault } = await setup();
    const store = createOAuthSettingsStore(file, vault, env);
    await store.set({ microsoft: { clientId: MS_ID, tenant: 'common' } });
    expect((await store.get()).customEndpoints).toBe(true);
    expect(store.outlook()?.authority).toBe('https://127.0.0.1:2/common');
    expect(readMainConfig({}).oauthEndpoints).toEqual({ google: {}, microsoft: {} });
  });
});
