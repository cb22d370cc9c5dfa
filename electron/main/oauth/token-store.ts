import type { Sealer } from '../secrets/sealer';

/**
 * Where a mailbox's long-lived OAuth secret rests (Google: the refresh token; Microsoft: msal's token cache).
 * The vault implements it over the OS keyring; access tokens never come here, they stay in memory.
 */
export interface TokenStore {
  load(mailboxId: string): Promise<string | null>;
  save(mailboxId: string, secret: string): Promise<void>;
  clear(mailboxId: string): Promise<void>;
}

/** The vault's naming: one secret per mailbox, removed with the rest of `mailbox:<id>:` on disconnect. */
export const oauthSecretName = (mailboxId: string) => `mailbox:${mailboxId}:oauth`;

/** The subset of the vault this needs, so the oauth code does not depend on how the vault is built. */
export interface SecretVault {
  put(name: string, secret: string): Promise<void>;
  take(name: string): Promise<string | null>;
  remove(name: string): void;
}

export function tokenStoreFromVault(vault: SecretVault): TokenStore {
  return {
    load: (id) => vault.take(oauthSecretName(id)),
    save: (id, secret) => vault.put(oauthSecretName(id), secret),
    clear: async (id) => vault.remove(oauthSecretName(id)),
  };
}

/** Sealed at rest even in memory (tests, browser mode): what is kept is ciphertext, as in the vault. */
export function createSealedMemoryTokenStore(
  sealer: Sealer,
): TokenStore & { sealedSnapshot(): Map<string, Buffer> } {
  const sealed = new Map<string, Buffer>();
  return {
    async load(id) {
      const box = sealed.get(id);
      return box ? (await sealer.open(box)).toString('utf8') : null;
    },
    async save(id, secret) {
      sealed.set(id, await sealer.seal(Buffer.from(secret, 'utf8')));
    },
    async clear(id) {
      sealed.delete(id);
    },
    sealedSnapshot: () => new Map(sealed),
  };
}
