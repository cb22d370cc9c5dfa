import { createCipheriv, randomBytes } from 'node:crypto';

/**
 * A value sealed the way Fairsend did before secrets were bound to their names (format 1: AES-256-GCM with
 * no associated data), for the tests that check old vaults and team keys keep opening and are migrated.
 */
export function sealUnboundV1(key: Buffer, plaintext: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]);
}
