import { z } from 'zod';
import { type ComplianceProfile, complianceProfileSchema } from '../compliance/profile';
import { parseDnsServers } from '../config/dns-servers';
import { channel } from './define';

export { type ComplianceProfile, complianceProfileSchema } from '../compliance/profile';

/** Whether the team server address answered when it was last saved (main checks `<address>/health`). */
export interface TeamServerStatus {
  address: string;
  checkedAt: number;
  answered: boolean;
  /** why it did not answer, in a rep's words */
  problem?: string;
}

/** The DNS servers the compliance checks ask, and who chose them. */
export interface DnsServersStatus {
  servers: string[];
  from: 'settings' | 'environment' | 'system';
}

export interface SettingsStatus {
  /** null until a team server address is saved */
  teamServer: TeamServerStatus | null;
  dns: DnsServersStatus;
}

/** Settings → Advanced: DNS servers as `ip` or `ip:port`; an empty list goes back to the default. */
export const dnsServersRequestSchema = z
  .object({
    servers: z
      .array(z.string().trim().max(60))
      .max(8, 'At most 8 DNS servers.')
      .superRefine((list, ctx) => {
        const parsed = parseDnsServers(list.join(','));
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
      }),
  })
  .strict();

export const settingsChannels = {
  /** null until the profile is set */
  'settings.getProfile': channel(z.object({}).strict()).returns<ComplianceProfile | null>(),
  'settings.setProfile': channel(complianceProfileSchema).returns<ComplianceProfile>(),
  /** the team server check's last result and the DNS servers in use */
  'settings.getStatus': channel(z.object({}).strict()).returns<SettingsStatus>(),
  'settings.setDnsServers': channel(dnsServersRequestSchema).returns<DnsServersStatus>(),
};
