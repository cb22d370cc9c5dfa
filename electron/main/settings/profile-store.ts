import {
  type ComplianceProfile,
  complianceProfileSchema,
  type TeamServerStatus,
} from '../../../shared/ipc/settings';
import { readJsonFile, writeJsonFile } from './json-file';

export interface ProfileStoreOptions {
  /** asks the team server address whether it answers (team-server-check.ts); absent: never checked */
  checkTeamServer?: (address: string) => Promise<TeamServerStatus>;
}

/**
 * The sender identity and unsubscribe endpoints, kept by main because the gate reads them on every send.
 * Saving checks that the team server address answers: saving is allowed either way, and the answer is kept
 * (beside the profile) as a status Settings, each mailbox and Compose show until it answers.
 */
export function createProfileStore(file: string, options: ProfileStoreOptions = {}) {
  const statusFile = file.replace(/\.json$/, '.team-server.json');
  let profile = readJsonFile<ComplianceProfile | null>(file, null);
  if (profile && !complianceProfileSchema.safeParse(profile).success) profile = null;
  let status = readJsonFile<TeamServerStatus | null>(statusFile, null);
  return {
    get: (): ComplianceProfile | null => profile,
    /** the last check of the saved team server address; null when none is saved or it was never checked */
    teamServerStatus: (): TeamServerStatus | null =>
      status && profile && status.address === profile.unsubscribeBaseUrl ? status : null,
    async set(next: ComplianceProfile): Promise<ComplianceProfile> {
      const valid = complianceProfileSchema.parse(next);
      writeJsonFile(file, valid);
      profile = valid;
      if (options.checkTeamServer) {
        const checked = await options.checkTeamServer(valid.unsubscribeBaseUrl).catch(() => null);
        // a later save may have changed the address while this one was being checked
        if (checked && profile?.unsubscribeBaseUrl === checked.address) {
          status = checked;
          writeJsonFile(statusFile, status);
        }
      }
      return valid;
    },
  };
}

export type ProfileStore = ReturnType<typeof createProfileStore>;
