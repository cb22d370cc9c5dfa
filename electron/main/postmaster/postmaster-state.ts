import { AppError } from '../../../shared/ipc/result';
import { normaliseDomain } from '../../../shared/team/postmaster';
import { readJsonFile, writeJsonFile } from '../settings/json-file';
import type { PostmasterDomainInfo } from './postmaster-client';

/** what postmaster.json keeps between runs (nothing in it is a secret) */
export interface PostmasterState {
  domains: PostmasterDomainInfo[];
  /** null: every readable domain */
  chosen: string[] | null;
  lastFetchAt: number | null;
  problem: string | null;
}

const readable = (d: PostmasterDomainInfo) => d.permission === 'OWNER' || d.permission === 'READER';

/** An admin's Postmaster connection as this desktop remembers it: the domains Google lists and which to read. */
export function openPostmasterState(file: string) {
  let state = readJsonFile<PostmasterState>(file, {
    domains: [],
    chosen: null,
    lastFetchAt: null,
    problem: null,
  });
  const save = (next: Partial<PostmasterState>) => {
    state = { ...state, ...next };
    writeJsonFile(file, state);
  };
  return {
    current: (): PostmasterState => state,
    save,
    /** the domains to read: those the admin picked, else every one Google lets them read */
    chosenDomains: (): string[] => state.chosen ?? state.domains.filter(readable).map((d) => d.domain),
    /** keeps the admin's pick, refusing a domain Google did not list */
    choose(domains: string[]): void {
      const known = new Set(state.domains.map((d) => d.domain));
      const picked = [...new Set(domains.map(normaliseDomain))];
      const unknown = picked.find((d) => !known.has(d));
      if (unknown)
        throw new AppError('invalid-input', `${unknown} is not one of the domains in your Postmaster Tools.`);
      save({ chosen: picked });
    },
  };
}

export type PostmasterStateFile = ReturnType<typeof openPostmasterState>;
