import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AppInfo } from '../../shared/ipc/app';
import type { MainServices } from './handlers';
import { createMailboxService } from './mailboxes/mailbox-service';
import { createMailboxFileStore } from './mailboxes/mailbox-store';
import type { Sealer } from './secrets/sealer';
import { createTeamKey } from './secrets/team-key';
import { createProfileStore } from './settings/profile-store';
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
}

/** Builds main's services from the adapters each host supplies (Electron, or Node in browser mode). */
export function createMainServices(
  options: ServiceOptions,
): MainServices & { vault: Vault; close(): Promise<void> } {
  const vault = createVault(options.ciphertexts, options.sealer, options.sealerUnavailableReason);
  const mailboxes = createMailboxService({
    store: createMailboxFileStore(join(options.dataDir, 'mailboxes.json')),
    vault,
    now: Date.now,
    newId: () => randomUUID(),
    ...(options.smtpCa ? { smtpCa: options.smtpCa } : {}),
  });
  // The team key must be sealed too; without a keyring there is no team key and suppression keys are refused.
  const teamKeySealer = options.sealer;
  const teamKey = teamKeySealer
    ? createTeamKey(join(options.dataDir, 'team-key.sealed'), teamKeySealer)
    : {
        suppressionKeys: async () => {
          throw new Error(options.sealerUnavailableReason ?? 'No secure storage is available.');
        },
      };
  return {
    vault,
    appInfo: () => {
      const status = vault.status();
      return { ...options.appInfo(), secretStorage: status.ok ? status.protection : 'none' };
    },
    openExternal: options.openExternal,
    teamKey,
    mailboxes,
    profile: createProfileStore(join(options.dataDir, 'compliance-profile.json')),
    close: () => mailboxes.close(),
  };
}
