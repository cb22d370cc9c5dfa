import { AppError } from '../../../shared/ipc/result';
import { isBound, type Sealer } from '../secrets/sealer';

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

/**
 * Kept next to the secrets once every one of them is sealed under its own name: from then on a value in the
 * old, unbound format is refused instead of migrated, so an old ciphertext cannot be planted under a new name.
 */
const ALL_BOUND_MARK = '~format';
const ALL_BOUND = 'bound-v2';

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

  const secretNames = () => store.names().filter((n) => n !== ALL_BOUND_MARK);
  const sealedBytes = (name: string) => Buffer.from(store.get(name) ?? '', 'base64');
  const allBoundMarked = () => store.get(ALL_BOUND_MARK) === ALL_BOUND;
  function markWhenAllBound() {
    if (!allBoundMarked() && secretNames().every((n) => isBound(sealedBytes(n)))) {
      store.set(ALL_BOUND_MARK, ALL_BOUND);
    }
  }

  async function put(name: string, secret: string) {
    const sealed = await requireSealer().seal(Buffer.from(secret, 'utf8'), name);
    store.set(name, sealed.toString('base64'));
    markWhenAllBound();
  }

  /** Opens under the secret's name; a value from before names were bound is sealed again under it. */
  async function open(name: string): Promise<Buffer | null> {
    if (store.get(name) === undefined) return null;
    const s = requireSealer();
    const sealed = sealedBytes(name);
    try {
      if (isBound(sealed)) return await s.open(sealed, name);
      if (allBoundMarked()) throw new Error('an unbound value after every secret was bound');
      const plaintext = await s.openUnbound(sealed);
      store.set(name, (await s.seal(plaintext, name)).toString('base64'));
      markWhenAllBound();
      return plaintext;
    } catch {
      throw new SecretIntegrityError(name);
    }
  }

  return {
    status: () => status,
    unlock(next) {
      if (sealer) throw new Error('The vault already has a key');
      sealer = next;
      status = statusOf(sealer);
    },
    put,
    async take(name) {
      return (await open(name))?.toString('utf8') ?? null;
    },
    remove: (name) => store.delete(name),
    removeAll(prefix) {
      for (const name of secretNames()) if (name.startsWith(prefix)) store.delete(name);
    },
    async revealAllForTests() {
      const values = await Promise.all(secretNames().map(open));
      return values.map((v) => v?.toString() ?? '');
    },
  };
}

/**
 * A stored secret that does not open under its own name: altered on disk, or moved there from another
 * entry. The fix is the ordinary re-login path (connect the mailbox again), so it reads as an expired sign-in.
 */
export class SecretIntegrityError extends AppError {
  constructor(readonly secretName: string) {
    super(
      'auth-expired',
      'A saved password or sign-in could not be opened: it was changed on this computer or moved from another entry. Connect the mailbox again to save it anew.',
    );
    this.name = 'SecretIntegrityError';
  }
}

export class VaultUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'VaultUnavailableError';
  }
}
