import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createDnsCache } from '../../shared/compliance/dns-cache';
import type { AppInfo } from '../../shared/ipc/app';
import { openAuditLog } from './audit/audit-log';
import { createDnsResolver } from './dns/resolver';
import { openMailboxHealth } from './gate/mailbox-health';
import { createSendService } from './gate/send-service';
import { createSuppressionHolder } from './gate/suppression-holder';
import type { MainServices } from './handlers';
import { openSendJournal } from './journal/send-journal';
import { createMailboxService } from './mailboxes/mailbox-service';
import { createMailboxFileStore } from './mailboxes/mailbox-store';
import type { Sealer } from './secrets/sealer';
import { createTeamKey } from './secrets/team-key';
import { createProfileStore } from './settings/profile-store';
import type { SmtpOptions, SmtpTransport } from './transport/smtp-transport';
import { type CiphertextStore, createVault, type Vault } from './vault/vault';

export interface ServiceOptions {
  /** where main keeps its files: mailbox settings, the sealed team key, the send journal */
  dataDir: string;
  /** null when no real keyring exists: secrets are then refused, never stored in the clear */
  sealer: Sealer | null;
  sealerUnavailableReason?: string;
  ciphertexts: CiphertextStore;
  appInfo: () => Omit<AppInfo, 'secretStorage'>;
  openExternal: (url: string) => Promise<void>;
  /** extra CA to trust for SMTP (a local relay's own certificate; tests) */
  smtpCa?: string;
  /** builds SMTP transports; tests route the standard port to a loopback server's ephemeral one */
  smtpTransport?: (options: SmtpOptions) => SmtpTransport;
  /** DNS servers for MX/SPF/DKIM/DMARC lookups (tests point these at a loopback server); default: the system's */
  dnsServers?: string[];
  now?: () => number;
}

/** Builds main's services from the adapters each host supplies (Electron, or Node in browser mode). */
export async function createMainServices(
  options: ServiceOptions,
): Promise<MainServices & { vault: Vault; close(): Promise<void> }> {
  const now = options.now ?? Date.now;
  const vault = createVault(options.ciphertexts, options.sealer, options.sealerUnavailableReason);
  const mailboxes = createMailboxService({
    store: createMailboxFileStore(join(options.dataDir, 'mailboxes.json')),
    vault,
    now: Date.now,
    newId: () => randomUUID(),
    ...(options.smtpCa ? { smtpCa: options.smtpCa } : {}),
    ...(options.smtpTransport ? { smtpTransport: options.smtpTransport } : {}),
  });
  // The team key must be sealed too; without a keyring there is no team key and suppression keys are refused.
  const teamKeySealer = options.sealer;
  const teamKey = teamKeySealer
    ? createTeamKey(join(options.dataDir, 'team-key.sealed'), teamKeySealer)
    : {
        suppressionKeys: async () => {
          throw new Error(options.sealerUnavailableReason ?? 'No secure storage is available.');
        },
        unsubscribeToken: async () => {
          throw new Error(options.sealerUnavailableReason ?? 'No secure storage is available.');
        },
      };
  const profile = createProfileStore(join(options.dataDir, 'compliance-profile.json'));
  const suppression = createSuppressionHolder();
  const [journal, audit, health] = await Promise.all([
    openSendJournal(join(options.dataDir, 'send-journal.jsonl'), now),
    openAuditLog(join(options.dataDir, 'audit.jsonl'), join(options.dataDir, 'device.json'), now),
    openMailboxHealth(join(options.dataDir, 'mailbox-health.jsonl')),
  ]);
  const dns = createDnsCache(createDnsResolver(options.dnsServers ? { servers: options.dnsServers } : {}), {
    ttlMs: 10 * 60_000,
    now,
  });
  const send = createSendService({
    mailboxes,
    profile,
    teamKey,
    dns,
    suppression,
    health,
    journal,
    audit,
    now,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  return {
    vault,
    appInfo: () => {
      const status = vault.status();
      return { ...options.appInfo(), secretStorage: status.ok ? status.protection : 'none' };
    },
    openExternal: options.openExternal,
    teamKey,
    mailboxes,
    profile,
    send,
    suppression,
    audit,
    async close() {
      await mailboxes.close();
      await Promise.all([journal.close(), audit.close(), health.close()]);
    },
  };
}
