import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeySealer } from '../secrets/sealer';
import { createFileStore } from './file-store';
import { createVault } from './vault';

const sealer = createKeySealer(Buffer.alloc(32, 3));

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
});
