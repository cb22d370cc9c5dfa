import { join } from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import type { Sealer } from '../secrets/sealer';
import { createTeamKey, storeTeamKey, type TeamKey } from '../secrets/team-key';

/** The keys this desktop has held, newest last: null is its own key, a team id is that team's key. */
export interface KeyHistory {
  /** the key new entries and unsubscribe tokens use: a team's once joined (kept after leaving), else our own */
  current: string | null;
  /** keys held before `current`: entries made under them that could not be re-keyed still suppress */
  former: (string | null)[];
}

export interface TeamKeyring extends TeamKey {
  /** Every key `value` may be listed under on this desktop: the current key's first, then the former keys'. */
  lookupKeys(kind: 'address' | 'domain', value: string): Promise<string[]>;
  /** Seals a team server's key (hex) for `teamId`; `history` then names it current. */
  store(teamId: string, keyHex: string): Promise<void>;
  /** Linux without a keyring: the passphrase sealer, once the rep unlocks. */
  unlock(sealer: Sealer): void;
}

/** a team id names a file: only the server's id alphabet is taken */
export const TEAM_ID = /^[A-Za-z0-9_-]{1,64}$/;

function fileOf(dir: string, id: string | null): string {
  if (id !== null && !TEAM_ID.test(id)) throw new AppError('invalid-input', 'The team id is not valid.');
  return join(dir, id === null ? 'team-key.sealed' : `team-key.${id}.sealed`);
}

/**
 * The team key, as the gate and the renderer use it. Before joining, this desktop's own key (made on first
 * use); after joining, the team's key from the server. The keys held before stay sealed beside it: an entry
 * whose plaintext is gone (an erasure) can only be matched under the key it was made with.
 */
export function createTeamKeyring(options: {
  dir: string;
  sealer: Sealer | null;
  unavailableReason?: string;
  history: () => KeyHistory;
}): TeamKeyring {
  let sealer = options.sealer;
  const keys = new Map<string, TeamKey>();

  function keyOf(id: string | null): TeamKey {
    if (!sealer)
      throw new AppError('unavailable', options.unavailableReason ?? 'No secure storage is available.');
    const file = fileOf(options.dir, id);
    let key = keys.get(file);
    if (!key) {
      key = createTeamKey(file, sealer);
      keys.set(file, key);
    }
    return key;
  }
  const current = () => keyOf(options.history().current);

  return {
    suppressionKeys: async (kind, values) => current().suppressionKeys(kind, values),
    unsubscribeToken: async (address, mailboxId, at, sequenceId) =>
      current().unsubscribeToken(address, mailboxId, at, sequenceId),
    async lookupKeys(kind, value) {
      const { current: now, former } = options.history();
      const ids = [now, ...former.filter((id) => id !== now)];
      const all = await Promise.all(ids.map((id) => keyOf(id).suppressionKeys(kind, [value])));
      return [...new Set(all.map(([k]) => k ?? ''))].filter(Boolean);
    },
    async store(teamId, keyHex) {
      if (!sealer)
        throw new AppError('unavailable', options.unavailableReason ?? 'No secure storage is available.');
      if (!/^[0-9a-f]{64}$/.test(keyHex)) throw new AppError('invalid-input', 'The team key is not valid.');
      const file = fileOf(options.dir, teamId);
      await storeTeamKey(file, sealer, Buffer.from(keyHex, 'hex'));
      keys.delete(file);
    },
    unlock(next) {
      sealer = next;
      keys.clear();
    },
  };
}
