import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeySealer, isBound } from '../secrets/sealer';
import { sealUnboundV1 } from '../testing/sealed-v1';
import { createFileStore } from './file-store';
import { createVault, SecretIntegrityError } from './vault';

const key = Buffer.alloc(32, 3);
const sealer = createKeySealer(key);

async function tempFile() {
  return join(await mkdtemp(join(tmpdir(), 'fairsend-vault-')), 'secrets.json');
}

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
const writeJson = (file: string, data: unknown) =>
  import('node:fs/promises').then((fs) => fs.writeFile(file, JSON.stringify(data)));

describe('vault', () => {
  it('keeps only ciphertext on disk, in a 0600 file, and reads it back after a restart', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fairsend-vault-')), 'secrets.json');
    const vault = createVault(createFileStore(file), sealer);
    await vault.put('mailbox:m1:password', 'hunter2-app-password');
    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain('hunter2');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const reopened = createVault(createFileStore(file), sealer);
    expect(await reopened.take('mailbox:m1:password')).toBe('hunter2-app-password');
  });

  it('wipes every secret of a mailbox on disconnect and nothing else', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fairsend-vault-')), 'secrets.json');
    const vault = createVault(createFileStore(file), sealer);
    await vault.put('mailbox:m1:password', 'a');
    await vault.put('mailbox:m1:dkim', 'b');
    await vault.put('mailbox:m2:password', 'c');
    vault.removeAll('mailbox:m1:');
    expect(await vault.take('mailbox:m1:password')).toBeNull();
    expect(await vault.take('mailbox:m1:dkim')).toBeNull();
    expect(await vault.take('mailbox:m2:password')).toBe('c');
  });

  it('fails closed without a real keyring: refuses to store, says why', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'fairsend-vault-')), 'secrets.json');
    const vault = createVault(createFileStore(file), null, 'No keyring is running.');
    expect(vault.status()).toEqual({ ok: false, reason: 'No keyring is running.' });
    await expect(vault.put('mailbox:m1:password', 'secret')).rejects.toThrow('No keyring is running.');
    await expect(readFile(file)).rejects.toThrow();
  });

  it('refuses a damaged store instead of starting empty', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fairsend-vault-'));
    const file = join(dir, 'secrets.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, '{not json'));
    expect(() => createFileStore(file)).toThrow(/damaged/);
  });

  it('refuses a ciphertext moved to another name, with a clear error, and the right one still opens', async () => {
    const file = await tempFile();
    const vault = createVault(createFileStore(file), sealer);
    await vault.put('mailbox:m1:password', 'password-of-m1');
    await vault.put('mailbox:m2:password', 'password-of-m2');
    const onDisk = await readJson(file);
    // whoever can write the file swaps the two ciphertexts
    await writeJson(file, {
      ...onDisk,
      'mailbox:m1:password': onDisk['mailbox:m2:password'],
      'mailbox:m2:password': onDisk['mailbox:m1:password'],
    });
    const reopened = createVault(createFileStore(file), sealer);
    const failure = reopened.take('mailbox:m1:password');
    await expect(failure).rejects.toBeInstanceOf(SecretIntegrityError);
    await expect(failure).rejects.toMatchObject({
      code: 'auth-expired',
      message: expect.stringContaining('moved from another entry'),
    });
    await expect(reopened.take('mailbox:m2:password')).rejects.toBeInstanceOf(SecretIntegrityError);
    await writeJson(file, onDisk);
    expect(await createVault(createFileStore(file), sealer).take('mailbox:m1:password')).toBe(
      'password-of-m1',
    );
  });

  it('reads a vault from before names were bound, and seals each secret again under its name', async () => {
    const file = await tempFile();
    const old = (text: string) => sealUnboundV1(key, Buffer.from(text)).toString('base64');
    await writeJson(file, { 'mailbox:m1:password': old('p1'), 'mailbox:m2:oauth': old('t2') });
    const vault = createVault(createFileStore(file), sealer);
    expect(await vault.take('mailbox:m1:password')).toBe('p1');
    let onDisk = await readJson(file);
    expect(isBound(Buffer.from(onDisk['mailbox:m1:password'] ?? '', 'base64'))).toBe(true);
    expect(isBound(Buffer.from(onDisk['mailbox:m2:oauth'] ?? '', 'base64'))).toBe(false);
    expect(onDisk['~format']).toBeUndefined(); // one secret still waits for its first read
    expect(await vault.take('mailbox:m2:oauth')).toBe('t2');
    onDisk = await readJson(file);
    expect(onDisk['~format']).toBe('bound-v2');
    // the migrated values open under their names after a restart, and only there
    const reopened = createVault(createFileStore(file), sealer);
    expect(await reopened.take('mailbox:m1:password')).toBe('p1');
    expect(await reopened.take('mailbox:m2:oauth')).toBe('t2');
  });

  it('once every secret is bound, refuses an old-format value planted under a name', async () => {
    const file = await tempFile();
    const vault = createVault(createFileStore(file), sealer);
    await vault.put('mailbox:m1:password', 'current');
    const onDisk = await readJson(file);
    expect(onDisk['~format']).toBe('bound-v2');
    const planted = sealUnboundV1(key, Buffer.from('attacker-chosen')).toString('base64');
    await writeJson(file, { ...onDisk, 'mailbox:m1:password': planted });
    await expect(
      createVault(createFileStore(file), sealer).take('mailbox:m1:password'),
    ).rejects.toBeInstanceOf(SecretIntegrityError);
  });

  it('keeps its format mark out of the secrets', async () => {
    const file = await tempFile();
    const vault = createVault(createFileStore(file), sealer);
    await vault.put('a', '1');
    await vault.put('b', '2');
    expect((await vault.revealAllForTests?.())?.sort()).toEqual(['1', '2']);
    vault.removeAll('');
    expect(await vault.take('a')).toBeNull();
  });
});
