import { z } from 'zod';
import { readJsonFile, writeJsonFile } from '../settings/json-file';
import type { KeyHistory } from './team-keyring';
import { TEAM_ID } from './team-keyring';

/**
 * What main remembers about the team, beside the sealed token and keys: public facts only (the server's
 * address, the team's name, this member's role), so the file is plain JSON like the other settings.
 */
const stateSchema = z.object({
  membership: z
    .object({
      server: z.string(),
      teamId: z.string().regex(TEAM_ID),
      teamName: z.string(),
      deviceId: z.string(),
      memberEmail: z.string(),
      role: z.enum(['owner', 'admin', 'manager', 'rep', 'readonly']),
      joinedAt: z.number(),
      rekeyed: z.boolean(),
      /** the profile's unsubscribe address before joining, put back on leaving */
      previousUnsubscribeBaseUrl: z.string().nullable(),
    })
    .nullable(),
  /** the membership ended by the server (revoked device, removed member) */
  removed: z.boolean(),
  keys: z.object({
    current: z.string().regex(TEAM_ID).nullable(),
    former: z.array(z.string().regex(TEAM_ID).nullable()),
  }),
});

export type TeamState = z.infer<typeof stateSchema>;
export type Membership = NonNullable<TeamState['membership']>;

const EMPTY: TeamState = { membership: null, removed: false, keys: { current: null, former: [] } };

export interface TeamStateFile {
  get(): TeamState;
  update(change: (state: TeamState) => TeamState): TeamState;
  history(): KeyHistory;
  /** ids of pre-join entries that stay on this computer, per team */
  localOnly(): string[];
  addLocalOnly(ids: readonly string[]): void;
}

export function openTeamState(file: string, localOnlyFile: string): TeamStateFile {
  const read = stateSchema.safeParse(readJsonFile<unknown>(file, EMPTY));
  let state: TeamState = read.success ? read.data : EMPTY;
  let localOnly: string[] | null = null;
  return {
    get: () => state,
    update(change) {
      state = stateSchema.parse(change(state));
      writeJsonFile(file, state);
      return state;
    },
    history: () => state.keys,
    localOnly() {
      localOnly ??= readJsonFile<string[]>(localOnlyFile, []);
      return localOnly;
    },
    addLocalOnly(ids) {
      const next = new Set(this.localOnly());
      for (const id of ids) next.add(id);
      localOnly = [...next];
      writeJsonFile(localOnlyFile, localOnly);
    },
  };
}

/** The key history once `teamId`'s key is current: the key before it moves to the former keys. */
export function adoptKey(keys: KeyHistory, teamId: string): KeyHistory {
  if (keys.current === teamId) return keys;
  const former = [keys.current, ...keys.former].filter(
    (id, i, all) => id !== teamId && all.indexOf(id) === i,
  );
  return { current: teamId, former };
}
