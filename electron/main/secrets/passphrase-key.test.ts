import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileStore } from '../vault/file-store';
import { createVault } from '../vault/vault';
import { checkScryptParams, DEFAULT_SCRYPT, passphraseSealer, SCRYPT_FLOOR } from './passphrase-key';
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

  it('refuses parameters on disk below the floor, before deriving anything', async () => {
    const file = await tempFile();
    await passphraseSealer(file, PASS, FAST);
    const record = JSON.parse(await readFile(file, 'utf8'));
    // whoever can write the file lowers the cost of the next derivation
    for (const weaker of [
      { N: 2 ** 9, r: 8, p: 1 },
      { N: 2 ** 10, r: 1, p: 1 },
    ]) {
      await writeFile(file, JSON.stringify({ ...record, scrypt: weaker }));
      await expect(passphraseSealer(file, PASS, FAST)).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('weaker than it allows'),
      });
    }
    // the production floor: a file naming the test parameters is refused by a default call
    await writeFile(file, JSON.stringify(record));
    await expect(passphraseSealer(file, PASS)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('checks the parameters a file names against the floor and a ceiling', () => {
    expect(checkScryptParams({ N: 2 ** 17, r: 8, p: 1 }, SCRYPT_FLOOR)).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(checkScryptParams({ N: 2 ** 18, r: 8, p: 2 }, SCRYPT_FLOOR)).toEqual({ N: 2 ** 18, r: 8, p: 2 });
    expect(() => checkScryptParams({ N: 2 ** 16, r: 8, p: 1 }, SCRYPT_FLOOR)).toThrow(/weaker/);
    expect(() => checkScryptParams({ N: 2 ** 17, r: 4, p: 1 }, SCRYPT_FLOOR)).toThrow(/weaker/);
    expect(() => checkScryptParams({ N: 2 ** 17, r: 8, p: 0 }, SCRYPT_FLOOR)).toThrow(/damaged/);
    expect(() => checkScryptParams({ N: 2 ** 17 + 1, r: 8, p: 1 }, SCRYPT_FLOOR)).toThrow(/damaged/);
    expect(() => checkScryptParams({ N: '131072', r: 8, p: 1 }, SCRYPT_FLOOR)).toThrow(/damaged/);
    expect(() => checkScryptParams(null, SCRYPT_FLOOR)).toThrow(/damaged/);
    // so costly it would take minutes and gigabytes: a hostile file, not a setting
    expect(() => checkScryptParams({ N: 2 ** 30, r: 8, p: 1 }, SCRYPT_FLOOR)).toThrow(/damaged/);
    expect(() => checkScryptParams({ N: 2 ** 20, r: 16, p: 1 }, SCRYPT_FLOOR)).toThrow(/damaged/);
  });

  it('refuses a damaged passphrase file with a clear message', async () => {
    const file = await tempFile();
    await writeFile(file, '{not json');
    await expect(passphraseSealer(file, PASS, FAST)).rejects.toMatchObject({
      message: expect.stringContaining('damaged'),
    });
  });

  it('uses strong scrypt parameters by default', () => {
    expect(DEFAULT_SCRYPT.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(DEFAULT_SCRYPT.r).toBe(8);
  });
});
