import { z } from 'zod';
import { type ComplianceProfile, complianceProfileSchema } from '../compliance/profile';
import { channel } from './define';

export { type ComplianceProfile, complianceProfileSchema } from '../compliance/profile';

export const settingsChannels = {
  /** null until the profile is set */
  'settings.getProfile': channel(z.object({}).strict()).returns<ComplianceProfile | null>(),
  'settings.setProfile': channel(complianceProfileSchema).returns<ComplianceProfile>(),
};
