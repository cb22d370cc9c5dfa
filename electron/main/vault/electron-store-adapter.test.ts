import { chmod, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The real electron-store (inlined by vitest.config.ts), with Electron's app reduced to the user-data folder.
const userData = vi.hoisted(() => ({ dir: '' }));
vi.mock('electron', () => {
  const electron = {
    app: { getPath: () => userData.dir, getVersion: () => '0.0.0-test' },
    ipcMain: { on: () => {} },
    shell: {},
  };
  return { default: electron, ...electron };
});

const { createElectronCiphertextStore } = await import('./electron-store-adapter');
const { describeStartupFailure } = await import('../startup-problem');

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the desktop ciphertext store', () => {
  beforeEach(async () => {
    userData.dir = await mkdtemp(join(tmpdir(), 'fairsend-store-'));
  });

  it('writes its file readable by this user only', async () => {
    const store = createElectronCiphertextStore();
    store.set('mailbox:m1:password', 'c2VhbGVk');
    const file = join(userData.dir, 'sealed-secrets.json');
    expect(await modeOf(file)).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ 'mailbox:m1:password': 'c2VhbGVk' });
    store.set('mailbox:m2:password', 'bW9yZQ==');
    expect(await modeOf(file)).toBe(0o600);
  });

  it('tightens a file an older version left readable by others, before anything is written', async () => {
    const file = join(userData.dir, 'sealed-secrets.json');
    await writeFile(file, JSON.stringify({ 'mailbox:m1:password': 'b2xk' }));
    await chmod(file, 0o644);
    const store = createElectronCiphertextStore();
    expect(await modeOf(file)).toBe(0o600);
    expect(store.get('mailbox:m1:password')).toBe('b2xk');
    expect(store.names()).toEqual(['mailbox:m1:password']);
  });

  it('names a file that is not JSON as a damaged data file, and never clears it', async () => {
    const file = join(userData.dir, 'sealed-secrets.json');
    const damaged = '{"mailbox:m1:password": "c2Vh';
    await writeFile(file, damaged, { mode: 0o600 });
    let thrown: unknown;
    try {
      createElectronCiphertextStore();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'DamagedFileError', file });
    expect(describeStartupFailure(thrown, userData.dir).title).toBe('A Fairsend data file is damaged');
    expect(await readFile(file, 'utf8')).toBe(damaged);
  });

  it('names damage found after the start the same way (electron-store reads the file on every call)', async () => {
    const store = createElectronCiphertextStore();
    store.set('mailbox:m1:password', 'c2VhbGVk');
    await writeFile(join(userData.dir, 'sealed-secrets.json'), 'not json');
    expect(() => store.get('mailbox:m1:password')).toThrow(
      expect.objectContaining({ name: 'DamagedFileError' }),
    );
    expect(() => store.names()).toThrow(/sealed-secrets\.json is damaged/);
  });
});
