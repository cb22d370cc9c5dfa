import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileStore } from '../vault/file-store';
import { createVault } from '../vault/vault';
import { DEFAULT_SCRYPT, passphraseSealer } from './passphrase-key';
import { createKeySealer } from './sealer';

// A small N keeps the tests quick; the production parameters are checked once below.
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const PASS = 'correct horse battery staple';

async function tempFile() {
  return join(await mkdtemp(join(tmpdir(), 'fairsend-pass-')), 'vault-passphrase.json');
}

describe('passphrase-derived vault key', () => {
  it('sets the passphrase on first use, stores only salt and verifier (0600), and reopens secrets', async () => {
    const file = await tempFile();
    const first = await passphraseSealer(file, PASS, FAST);
    expect(first.kind).toBe('passphrase');
    const sealed = await first.seal(Buffer.from('refresh-token-abc'));
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain(PASS);
    expect(JSON.parse(onDisk)).toEqual({
      v: 1,
      salt: expect.any(String),
      scrypt: FAST,
      verifier: expect.any(String),
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await passphraseSealer(file, PASS, FAST);
    expect((await again.open(sealed)).toString()).toBe('refresh-token-abc');
  });

  it('refuses a wrong passphrase with a clear message, and leaves the file alone', async () => {
    const file = await tempFile();
    await passphraseSealer(file, PASS, FAST);
    const before = await readFile(file, 'utf8');
    await expect(passphraseSealer(file, 'not the passphrase at all', FAST)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('does not match'),
    });
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('unlocks a vault that had no keyring; a second unlock is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fairsend-pass-'));
    const vault = createVault(createFileStore(join(dir, 's.json')), null, 'No keyring.');
    await expect(vault.put('mailbox:m:password', 'x')).rejects.toThrow('No keyring.');
    vault.unlock(await passphraseSealer(join(dir, 'p.json'), PASS, FAST));
    expect(vault.status()).toEqual({ ok: true, protection: 'passphrase' });
    await vault.put('mailbox:m:password', 'app-pass');
    expect(await vault.take('mailbox:m:password')).toBe('app-pass');
    expect(() => vault.unlock(createKeySealer(Buffer.alloc(32, 1)))).toThrow(/already/);
  });

  it('uses strong scrypt parameters by default', () => {
    expect(DEFAULT_SCRYPT.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(DEFAULT_SCRYPT.r).toBe(8);
  });
});
