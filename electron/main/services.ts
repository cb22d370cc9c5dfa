import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ownDomainCanaries } from '../../shared/compliance/resolver-health';
import type { AppInfo } from '../../shared/ipc/app';
import { AppError } from '../../shared/ipc/result';
import { openAuditLog } from './audit/audit-log';
import { createCertificateTrust } from './certificates/certificate-trust';
import { type CertificateProbe, probeCertificate } from './certificates/probe';
import { createTrustStore } from './certificates/trust-store';
import { createDnsService } from './dns/dns-service';
import type { MainServices } from './handlers';
import { openInboxEventLog } from './inbox/inbox-events';
import { createInboxWatcher } from './inbox/inbox-watcher';
import { createMailboxService } from './mailboxes/mailbox-service';
import { createMailboxFileStore } from './mailboxes/mailbox-store';
import { createPostmasterService } from './postmaster/postmaster-service';
import { passphraseSealer, type ScryptParams } from './secrets/passphrase-key';
import type { Sealer } from './secrets/sealer';
import { openMailboxHealth } from './send/mailbox-health';
import { openSendJournal } from './send/send-journal';
import type { Checkpoint } from './send/send-points';
import { createSendService } from './send/send-service';
import { createSendingPause } from './send/sending-pause';
import { createSuppressionHolder } from './send/suppression-holder';
import { createImapReader, type ImapOptions, type ImapReader } from './send/transports/imap-reader';
import { createSmtpTransport, type SmtpOptions, type SmtpTransport } from './send/transports/smtp-transport';
import { createDnsSettingsStore } from './settings/dns-settings';
import { createOAuthSettingsStore, type OAuthEndpointOverrides } from './settings/oauth-settings';
import { createProfileStore } from './settings/profile-store';
import { checkTeamServer } from './settings/team-server-check';
import { createTeamKeyring } from './team/team-keyring';
import { observingTeamSettings, openTeamLimits, withTeamThresholds } from './team/team-limits';
import { openTeamReputation, withDomainReputation } from './team/team-reputation';
import { createTeamService } from './team/team-service';
import { openTeamState } from './team/team-state';
import { createTeamTls } from './team/team-tls';
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
  /** builds IMAP readers; tests route the standard port to a loopback server's ephemeral one */
  imapReader?: (options: ImapOptions) => ImapReader;
  /** reads a server's certificate to explain a refusal and to trust it; tests route the standard port */
  certificateProbe?: CertificateProbe;
  /** DNS servers for MX/SPF/DKIM/DMARC lookups (tests point these at a loopback server); default: the system's */
  dnsServers?: string[];
  now?: () => number;
  /** desktop: opens Google / Microsoft sign-in in the system browser; browser mode leaves it out (the page links it) */
  openSignInPage?: (url: string) => Promise<void>;
  /** provider endpoints (tests' stand-ins, or from the environment: readMainConfig) */
  oauthEndpoints?: OAuthEndpointOverrides;
  signInTimeoutMs?: number;
  /** tests use cheaper scrypt parameters for the passphrase key */
  passphraseScrypt?: ScryptParams;
  /** crash tests: told each named moment of a send (electron/main/send/send-points.ts) */
  sendCheckpoint?: Checkpoint;
}

/** Builds main's services from the adapters each host supplies (Electron, or Node in browser mode). */
export async function createMainServices(
  options: ServiceOptions,
): Promise<MainServices & { vault: Vault; close(): Promise<void> }> {
  const now = options.now ?? Date.now;
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const vault = createVault(options.ciphertexts, options.sealer, options.sealerUnavailableReason);
  // caps and breakers count sends from the journal, so it opens first
  const journal = await openSendJournal(join(options.dataDir, 'send-journal.jsonl'), { now });
  const [audit, health] = await Promise.all([
    openAuditLog(join(options.dataDir, 'audit.jsonl'), join(options.dataDir, 'device.json'), {
      sealer: options.sealer,
      now,
    }),
    openMailboxHealth(join(options.dataDir, 'mailbox-health.jsonl'), journal),
  ]);
  const oauthSettings = createOAuthSettingsStore(
    join(options.dataDir, 'oauth-clients.json'),
    vault,
    options.oauthEndpoints,
  );
  // Every SMTP and IMAP connection goes through the rep's trusted certificates (pinned per host and port).
  const certificates = createCertificateTrust({
    store: createTrustStore(join(options.dataDir, 'trusted-certificates.json')),
    probe:
      options.certificateProbe ?? ((endpoint) => probeCertificate(endpoint, { extraCa: options.smtpCa })),
    now,
  });
  // The team server's own certificate the rep trusted (a private authority, self-signed): pinned per host and port
  // in its own file, used by every team request (team-tls.ts).
  const teamTls = createTeamTls({
    store: createTrustStore(join(options.dataDir, 'trusted-team-certificates.json')),
    probe: options.certificateProbe ?? ((endpoint) => probeCertificate(endpoint)),
    now,
  });
  // The team's caps and stricter breakers (set by its admins, read as the team's settings pass through main):
  // the gate and the Mailboxes screen judge by them while this desktop is in a team.
  let inTeam = () => false;
  const teamLimits = openTeamLimits(join(options.dataDir, 'team-limits.json'), () => inTeam());
  // The team's Postmaster Tools figures (an admin's desktop shares them): a mailbox's domain reported as spam by
  // Gmail users at or over the complaint limits warns or pauses it, judged with the team's thresholds.
  const teamReputation = openTeamReputation(join(options.dataDir, 'team-postmaster.json'), () => inTeam());
  let addressOf: (mailboxId: string) => string | undefined = () => undefined;
  const teamHealth = withTeamThresholds(
    withDomainReputation(health, teamReputation, (id) => addressOf(id)),
    teamLimits,
  );
  const mailboxes = createMailboxService({
    store: createMailboxFileStore(join(options.dataDir, 'mailboxes.json')),
    vault,
    now,
    newId: () => randomUUID(),
    ...(options.smtpCa ? { smtpCa: options.smtpCa } : {}),
    smtpTransport: certificates.smtpTransports(options.smtpTransport ?? createSmtpTransport),
    imapReader: certificates.imapReaders(options.imapReader ?? createImapReader),
    oauth: oauthSettings,
    ...(options.openSignInPage ? { openSignInPage: options.openSignInPage } : {}),
    ...(options.signInTimeoutMs !== undefined ? { signInTimeoutMs: options.signInTimeoutMs } : {}),
    health: {
      events: teamHealth,
      timeZone,
      teamCap: teamLimits.teamCap,
      audit: (type, data) => audit.append(type, data),
    },
  });
  addressOf = (id) => mailboxes.list().find((m) => m.id === id)?.address;
  // The team key is sealed too: without a keyring it is refused until the rep unlocks with a passphrase.
  // This desktop's own key until it joins a team, the team's after (keys held before stay: team-keyring.ts).
  const teamState = openTeamState(
    join(options.dataDir, 'team.json'),
    join(options.dataDir, 'team-local-only.json'),
  );
  const teamKey = createTeamKeyring({
    dir: options.dataDir,
    sealer: options.sealer,
    ...(options.sealerUnavailableReason ? { unavailableReason: options.sealerUnavailableReason } : {}),
    history: teamState.history,
  });
  const profile = createProfileStore(join(options.dataDir, 'compliance-profile.json'), {
    checkTeamServer: (address) =>
      checkTeamServer(address, {
        now,
        ...(options.smtpCa ? { ca: options.smtpCa } : {}),
        pinned: teamTls.pinFor(address),
      }),
  });
  const team = observingTeamSettings(
    createTeamService({ state: teamState, keyring: teamKey, vault, profile, now, tls: teamTls }),
    {
      async observe(documents) {
        await teamLimits.observe(documents);
        await teamReputation.observe(documents);
      },
      async clear() {
        await teamLimits.clear();
        await teamReputation.clear();
      },
    },
  );
  inTeam = () => team.status().joined;
  void team.start();
  const postmaster = createPostmasterService({
    file: join(options.dataDir, 'postmaster.json'),
    vault,
    clients: oauthSettings,
    team,
    reputation: teamReputation,
    thresholds: teamLimits.thresholds,
    now,
    newId: () => randomUUID(),
    ...(options.openSignInPage ? { openSignInPage: options.openSignInPage } : {}),
    ...(options.signInTimeoutMs !== undefined ? { signInTimeoutMs: options.signInTimeoutMs } : {}),
  });
  void postmaster.start();
  // while joined, every new message's one-click link points at the team server
  const sendProfile = {
    ...profile,
    get() {
      const current = profile.get();
      const base = team.unsubscribeBase();
      return current && base ? { ...current, unsubscribeBaseUrl: base } : current;
    },
  };
  const suppression = createSuppressionHolder();
  // The rep's own sending domains must exist: if they fail too, DNS itself is failing (resolver-health.ts).
  const dnsService = createDnsService({
    now,
    canaries: () => ownDomainCanaries(mailboxes.list().map((m) => m.address)),
  });
  const dnsSettings = createDnsSettingsStore(join(options.dataDir, 'dns-servers.json'), {
    ...(options.dnsServers ? { fromEnvironment: options.dnsServers } : {}),
    apply: (servers) => dnsService.useServers(servers),
  });
  const dns = dnsService.cache;
  const inbox = createInboxWatcher({
    mailboxes,
    health,
    audit,
    teamKey,
    events: await openInboxEventLog(join(options.dataDir, 'inbox-events.jsonl')),
    isOurMessage: (messageId) => journal.byMessageId(messageId) !== undefined,
    sequenceOf: (messageId) => journal.byMessageId(messageId)?.audit,
    unsubscribeMailto: () => profile.get()?.unsubscribeMailto ?? null,
    cursorFile: join(options.dataDir, 'inbox-cursors.json'),
    now,
  });
  // What the watcher finds is audited: it starts once the audit log can be appended to (see audit-log.ts).
  audit.onWritable(() => inbox.start());
  const sending = createSendingPause({ audit, now, file: join(options.dataDir, 'sending-pause.json') });
  const send = createSendService({
    sendingPaused: sending.paused,
    mailboxes,
    profile: sendProfile,
    teamKey,
    dns,
    suppression,
    health: teamHealth,
    teamCap: teamLimits.teamCap,
    journal,
    audit,
    now,
    timeZone,
    ...(options.sendCheckpoint ? { checkpoint: options.sendCheckpoint } : {}),
  });
  // What a crash left open is settled (looked up, or held for the rep) and due follow-ups run, before any retry.
  let reconciled: Promise<unknown> = Promise.resolve();
  audit.onWritable(() => {
    reconciled = send.start().catch(() => {});
  });
  const appInfo = (): AppInfo => {
    const status = vault.status();
    return { ...options.appInfo(), secretStorage: status.ok ? status.protection : 'none' };
  };
  return {
    vault,
    appInfo,
    openExternal: options.openExternal,
    teamKey,
    mailboxes,
    oauthSettings: {
      get: oauthSettings.get,
      async set(request) {
        const view = await oauthSettings.set(request);
        await mailboxes.dropOAuthTransports();
        return view;
      },
    },
    async unlockVault(passphrase: string): Promise<AppInfo> {
      if (vault.status().ok)
        throw new AppError(
          'conflict',
          'Secrets are already sealed on this computer; no passphrase is needed.',
        );
      const file = join(options.dataDir, 'vault-passphrase.json');
      const sealer = await passphraseSealer(file, passphrase, options.passphraseScrypt);
      vault.unlock(sealer);
      teamKey.unlock(sealer);
      await audit.unlock(sealer);
      await team.start();
      return appInfo();
    },
    profile,
    dnsSettings,
    send,
    sending,
    suppression,
    audit,
    inbox,
    certificates,
    team,
    postmaster,
    async close() {
      team.close();
      await teamTls.close();
      postmaster.close();
      await reconciled;
      await send.close();
      await inbox.close();
      await mailboxes.close();
      await Promise.all([journal.close(), audit.close(), health.close()]);
    },
  };
}
