import type { Sealer } from '../secrets/sealer';

/**
 * Where sealed secrets rest. The desktop keeps them in electron-store; browser mode and tests in a
 * 0600 JSON file. Either way only ciphertext (base64) is written.
 */
export interface CiphertextStore {
  get(name: string): string | undefined;
  set(name: string, ciphertext: string): void;
  delete(name: string): void;
  names(): string[];
}

export type VaultStatus = { ok: true; protection: Sealer['kind'] } | { ok: false; reason: string };

/**
 * Secrets (SMTP passwords, OAuth refresh tokens, token caches, DKIM keys) live here and nowhere else.
 * Fails closed: when the status is not ok (no real keyring), nothing is stored and the caller says why.
 * The vault has no bridge handler: the renderer can neither read nor decrypt anything in it.
 */
export interface Vault {
  status(): VaultStatus;
  put(name: string, secret: string): Promise<void>;
  take(name: string): Promise<string | null>;
  remove(name: string): void;
  /** removes every secret whose name starts with the prefix, e.g. `mailbox:<id>:` on disconnect */
  removeAll(prefix: string): void;
  /**
   * A locked vault (no keyring) starts sealing with this key for the session, e.g. one derived from the
   * rep's passphrase. Refused when the vault already has a sealer: keys are never swapped underneath secrets.
   */
  unlock(sealer: Sealer): void;
  /** every secret value, for tests that prove no secret ever leaves main */
  revealAllForTests?(): Promise<string[]>;
}

export function createVault(store: CiphertextStore, initial: Sealer | null, unavailableReason = ''): Vault {
  let sealer = initial;
  const statusOf = (s: Sealer | null): VaultStatus =>
    s
      ? { ok: true, protection: s.kind }
      : { ok: false, reason: unavailableReason || 'No secure storage is available on this computer.' };
  let status = statusOf(sealer);

  function requireSealer(): Sealer {
    if (!sealer) throw new VaultUnavailableError(status.ok ? '' : status.reason);
    return sealer;
  }

  return {
    status: () => status,
    unlock(next) {
      if (sealer) throw new Error('The vault already has a key');
      sealer = next;
      status = statusOf(sealer);
    },
    async put(name, secret) {
      const sealed = await requireSealer().seal(Buffer.from(secret, 'utf8'));
      store.set(name, sealed.toString('base64'));
    },
    async take(name) {
      const ciphertext = store.get(name);
      if (ciphertext === undefined) return null;
      return (await requireSealer().open(Buffer.from(ciphertext, 'base64'))).toString('utf8');
    },
    remove: (name) => store.delete(name),
    removeAll(prefix) {
      for (const name of store.names()) if (name.startsWith(prefix)) store.delete(name);
    },
    async revealAllForTests() {
      const s = requireSealer();
      return Promise.all(
        store.names().map(async (n) => (await s.open(Buffer.from(store.get(n) ?? '', 'base64'))).toString()),
      );
    },
  };
}

export class VaultUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'VaultUnavailableError';
  }
}
