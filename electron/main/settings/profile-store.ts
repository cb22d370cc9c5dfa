import { type ComplianceProfile, complianceProfileSchema } from '../../../shared/ipc/settings';
import { readJsonFile, writeJsonFile } from './json-file';

/** The sender identity and unsubscribe endpoints, kept by main because the gate reads them on every send. */
export function createProfileStore(file: string) {
  let profile = readJsonFile<ComplianceProfile | null>(file, null);
  if (profile && !complianceProfileSchema.safeParse(profile).success) profile = null;
  return {
    get: (): ComplianceProfile | null => profile,
    set(next: ComplianceProfile): ComplianceProfile {
      const valid = complianceProfileSchema.parse(next);
      writeJsonFile(file, valid);
      profile = valid;
      return valid;
    },
  };
}

export type ProfileStore = ReturnType<typeof createProfileStore>;
