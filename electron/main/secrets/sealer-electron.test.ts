import { describe, expect, it, vi } from 'vitest';

// safeStorage stand-in: a reversible transform with safeStorage's `v10` prefix. The binding under test is
// ours (the name sealed inside the text), not the OS's encryption.
const encrypt = (text: string) => Buffer.concat([Buffer.from('v10'), Buffer.from(text).reverse()]);
vi.mock('electron', () => {
  const safeStorage = {
    encryptStringAsync: async (text: string) => encrypt(text),
    decryptStringAsync: async (bytes: Buffer) => {
      if (bytes.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext');
      return { result: Buffer.from(bytes.subarray(3)).reverse().toString(), shouldReEncrypt: false };
    },
  };
  return { default: { safeStorage }, safeStorage };
});

const { createElectronSealer } = await import('./sealer-electron');
const { isBound } = await import('./sealer');

describe('the OS-keyring sealer', () => {
  it('binds each value to its name: a value moved to another name does not open', async () => {
    const sealer = createElectronSealer();
    const sealed = await sealer.seal(Buffer.from('refresh-token'), 'mailbox:m1:oauth');
    expect(isBound(sealed)).toBe(true);
    expect((await sealer.open(sealed, 'mailbox:m1:oauth')).toString()).toBe('refresh-token');
    await expect(sealer.open(sealed, 'mailbox:m2:oauth')).rejects.toThrow(/does not open/);
    await expect(sealer.open(Buffer.concat([sealed, Buffer.from('x')]), 'mailbox:m1:oauth')).rejects.toThrow(
      /does not open/,
    );
  });

  it('opens what the previous version stored (safeStorage bytes alone) through openUnbound only', async () => {
    const sealer = createElectronSealer();
    const old = encrypt(Buffer.from('old-password').toString('base64'));
    expect(isBound(old)).toBe(false);
    expect((await sealer.openUnbound(old)).toString()).toBe('old-password');
    await expect(sealer.open(old, 'mailbox:m1:password')).rejects.toThrow(/unknown format/);
  });
});
