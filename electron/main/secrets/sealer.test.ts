import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeySealer, loadDevVaultKey } from './sealer';

describe('dev vault sealer', () => {
  it('round-trips and never stores the plaintext', async () => {
    const sealer = createKeySealer(Buffer.alloc(32, 7));
    const sealed = await sealer.seal(Buffer.from('app-password-123'));
    expect(sealed.toString('latin1')).not.toContain('app-password-123');
    expect((await sealer.open(sealed)).toString()).toBe('app-password-123');
  });

  it('refuses tampered ciphertext and a wrong key', async () => {
    const sealer = createKeySealer(Buffer.alloc(32, 7));
    const sealed = await sealer.seal(Buffer.from('secret'));
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
    await expect(sealer.open(tampered)).rejects.toThrow();
    await expect(createKeySealer(Buffer.alloc(32, 8)).open(sealed)).rejects.toThrow();
  });

  it('creates a 0600 key file once and reuses it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fairsend-vault-'));
    const file = join(dir, 'nested', 'dev-vault.key');
    const first = await loadDevVaultKey(file);
    const second = await loadDevVaultKey(file);
    expect(first.equals(second)).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes the key from the environment, and rejects a malformed one', async () => {
    const key = 'ab'.repeat(32);
    expect((await loadDevVaultKey('/nonexistent/key', key)).toString('hex')).toBe(key);
    await expect(loadDevVaultKey('/nonexistent/key', 'short')).rejects.toThrow(/64 hex/);
  });
});
