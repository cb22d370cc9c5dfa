import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealUnboundV1 } from '../testing/sealed-v1';
import { createKeySealer, isBound, loadDevVaultKey } from './sealer';

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

  it('binds each value to the name it was sealed under', async () => {
    const sealer = createKeySealer(Buffer.alloc(32, 7));
    const sealed = await sealer.seal(Buffer.from('app-password'), 'mailbox:m1:password');
    expect(isBound(sealed)).toBe(true);
    expect((await sealer.open(sealed, 'mailbox:m1:password')).toString()).toBe('app-password');
    await expect(sealer.open(sealed, 'mailbox:m2:password')).rejects.toThrow(/does not open/);
    await expect(sealer.open(sealed)).rejects.toThrow(/does not open/);
    await expect(sealer.openUnbound(sealed)).rejects.toThrow(/unknown format/);
  });

  it('opens a value from before names were bound only through openUnbound', async () => {
    const key = Buffer.alloc(32, 7);
    const sealer = createKeySealer(key);
    const old = sealUnboundV1(key, Buffer.from('old secret'));
    expect(isBound(old)).toBe(false);
    expect((await sealer.openUnbound(old)).toString()).toBe('old secret');
    await expect(sealer.open(old, 'any')).rejects.toThrow(/unknown format/);
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
