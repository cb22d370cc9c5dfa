import type { AppInfo } from '../../shared/ipc/app';
import type { Handlers } from '../../shared/ipc/dispatch';
import { AppError } from '../../shared/ipc/result';
import { isSafeExternalUrl } from '../../shared/security/external-url';
import type { AuditLog } from './audit/audit-log';
import type { CertificateTrust } from './certificates/certificate-trust';
import type { InboxWatcher } from './inbox/inbox-watcher';
import type { MailboxService } from './mailboxes/mailbox-service';
import type { PostmasterService } from './postmaster/postmaster-service';
import type { TeamKey } from './secrets/team-key';
import type { SendService } from './send/send-service';
import type { SendingPause } from './send/sending-pause';
import type { SuppressionHolder } from './send/suppression-holder';
import type { DnsSettingsStore } from './settings/dns-settings';
import type { OAuthSettingsStore } from './settings/oauth-settings';
import type { ProfileStore } from './settings/profile-store';
import type { TeamService } from './team/team-service';
import { createTeamMembers } from './team-members/team-members';
import { createTeamStats } from './team-stats/team-stats';

export interface MainServices {
  appInfo: () => AppInfo;
  openExternal: (url: string) => Promise<void>;
  teamKey: TeamKey;
  mailboxes: MailboxService;
  oauthSettings: Pick<OAuthSettingsStore, 'get' | 'set'>;
  /** Linux without a keyring: seal with a passphrase-derived key for this session */
  unlockVault(passphrase: string): Promise<AppInfo>;
  profile: ProfileStore;
  dnsSettings: DnsSettingsStore;
  send: SendService;
  /** "Pause all sending": main's send path honours it */
  sending: Pick<SendingPause, 'state' | 'set' | 'onChange'>;
  suppression: Pick<SuppressionHolder, 'apply'>;
  audit: Pick<
    AuditLog,
    'since' | 'append' | 'status' | 'requireWritable' | 'exportDamaged' | 'startNewChain'
  >;
  inbox: Pick<InboxWatcher, 'since' | 'check'>;
  certificates: Pick<CertificateTrust, 'list' | 'trust' | 'remove'>;
  team: Pick<
    TeamService,
    | 'status'
    | 'join'
    | 'leave'
    | 'pull'
    | 'push'
    | 'events'
    | 'localOnly'
    | 'markRekeyed'
    | 'get'
    | 'manage' // members helper
    | 'deviceId' // members helper
    | 'trustCertificate'
    | 'forgetCertificate'
  >;
  /** Google Postmaster Tools: an admin's connection, and the team's shared figures */
  postmaster: Pick<
    PostmasterService,
    'status' | 'connect' | 'finishConnect' | 'choose' | 'fetch' | 'disconnect' | 'reputation'
  >;
}

/** The bridge's handlers: thin, each one validates (zod did the shape) and calls a service. */
export function createHandlers(services: MainServices): Handlers {
  return {
    'app.info': () => services.appInfo(),
    'app.openExternal': async ({ url }) => {
      if (!isSafeExternalUrl(url))
        throw new AppError('forbidden', 'Only https and mailto links can be opened.');
      await services.openExternal(url);
      return null;
    },
    'suppression.keys': ({ kind, values }) => services.teamKey.suppressionKeys(kind, values),
    'mailboxes.list': () => services.mailboxes.list(),
    'mailboxes.connectSmtp': (request) => services.mailboxes.connectSmtp(request),
    'mailboxes.test': ({ id }) => services.mailboxes.test(id),
    'mailboxes.update': ({ id, ...patch }) => services.mailboxes.update(id, patch),
    'mailboxes.setSenderAuth': ({ id, ...senderAuth }) => services.mailboxes.setSenderAuth(id, senderAuth),
    'mailboxes.setImap': ({ id, imap }) => services.mailboxes.setImap(id, imap),
    'mailboxes.disconnect': ({ id }) => services.mailboxes.disconnect(id),
    'mailboxes.connectGmail': ({ reconnectId }) => services.mailboxes.connectOAuth('gmail', reconnectId),
    'mailboxes.connectOutlook': ({ reconnectId }) => services.mailboxes.connectOAuth('outlook', reconnectId),
    'mailboxes.finishOAuth': ({ flowId }) => services.mailboxes.finishOAuth(flowId),
    'mailboxes.health': () => services.mailboxes.health(),
    'mailboxes.resume': ({ id }) => services.mailboxes.resume(id),
    'mailboxes.setPaused': ({ id, paused }) => services.mailboxes.setPaused(id, paused),
    'settings.getOAuth': () => services.oauthSettings.get(),
    'settings.setOAuth': (request) => services.oauthSettings.set(request),
    'vault.unlockWithPassphrase': ({ passphrase }) => services.unlockVault(passphrase),
    'settings.getProfile': () => services.profile.get(),
    'settings.setProfile': (profile) => services.profile.set(profile),
    'settings.getStatus': () => ({
      teamServer: services.profile.teamServerStatus(),
      dns: services.dnsSettings.status(),
    }),
    'settings.setDnsServers': ({ servers }) => services.dnsSettings.set(servers),
    'send.preview': (draft) => services.send.preview(draft),
    'send.message': ({ key, draft }) => {
      services.audit.requireWritable(); // every send is audited: none starts while the log is refused
      return services.send.send(key, draft);
    },
    'send.held': () => services.send.held(),
    'sending.state': () => services.sending.state(),
    'sending.setPaused': ({ paused }) => services.sending.set(paused),
    'send.resolve': ({ key, as }) => {
      services.audit.requireWritable(); // both decisions are audited, and a resend is a send
      return services.send.resolve(key, as);
    },
    'suppression.apply': (delta) => services.suppression.apply(delta),
    'audit.since': ({ seq, limit }) => services.audit.since(seq, limit),
    'audit.record': ({ type, data }) => services.audit.append(type, data),
    'audit.status': () => services.audit.status(),
    'audit.exportDamaged': () => services.audit.exportDamaged(),
    'audit.startNewChain': ({ note }) => services.audit.startNewChain(note),
    'inbox.since': ({ seq, limit }) => services.inbox.since(seq, limit),
    'inbox.check': () => services.inbox.check(),
    'certificates.list': () => services.certificates.list(),
    'certificates.trust': ({ endpoint, fingerprint256 }) =>
      services.certificates.trust(endpoint, fingerprint256),
    'certificates.remove': ({ host, port }) => services.certificates.remove(host, port),
    'team.status': () => services.team.status(),
    'team.join': (request) => services.team.join(request),
    'team.leave': () => services.team.leave(),
    'team.trustCertificate': ({ serverUrl, fingerprint256 }) =>
      services.team.trustCertificate(serverUrl, fingerprint256),
    'team.forgetCertificate': ({ serverUrl }) => services.team.forgetCertificate(serverUrl),
    'team.pull': ({ collection, checkpoint, limit }) => services.team.pull(collection, checkpoint, limit),
    'team.push': ({ collection, rows }) => services.team.push(collection, rows),
    'team.events': ({ after, waitMs }) => services.team.events(after, waitMs),
    'team.localOnly': () => services.team.localOnly(),
    'team.markRekeyed': ({ teamId, localOnly, done }) => services.team.markRekeyed(teamId, localOnly, done),
    'team.stats': (query) =>
      createTeamStats({ joined: () => services.team.status().joined, get: services.team.get }).read(query),
    // members helper: the Team screen's Members panel (owners and admins manage; everyone sees the list)
    ...memberHandlers(services),
    ...postmasterHandlers(services),
  };
}

/** members helper: team.members, team.invite, team.revokeInvite, team.setRole, team.removeMember, team.revokeDevice */
function memberHandlers(
  services: MainServices,
): Pick<
  Handlers,
  | 'team.members'
  | 'team.invite'
  | 'team.revokeInvite'
  | 'team.setRole'
  | 'team.removeMember'
  | 'team.revokeDevice'
> {
  const members = createTeamMembers({
    joined: () => services.team.status().joined,
    deviceId: () => services.team.deviceId(),
    call: (path, options) => services.team.manage(path, options),
  });
  return {
    'team.members': () => members.list(),
    'team.invite': (request) => members.invite(request),
    'team.revokeInvite': ({ inviteId }) => members.revokeInvite(inviteId),
    'team.setRole': ({ memberId, role }) => members.setRole(memberId, role),
    'team.removeMember': ({ memberId }) => members.removeMember(memberId),
    'team.revokeDevice': ({ deviceId }) => members.revokeDevice(deviceId),
  };
}

/** Google Postmaster Tools (owners and admins connect; every member reads the shared figures) */
function postmasterHandlers(
  services: MainServices,
): Pick<
  Handlers,
  | 'postmaster.status'
  | 'postmaster.connect'
  | 'postmaster.finishConnect'
  | 'postmaster.choose'
  | 'postmaster.fetch'
  | 'postmaster.disconnect'
  | 'team.reputation'
> {
  const { postmaster } = services;
  return {
    'postmaster.status': () => postmaster.status(),
    'postmaster.connect': () => postmaster.connect(),
    'postmaster.finishConnect': ({ flowId }) => postmaster.finishConnect(flowId),
    'postmaster.choose': ({ domains }) => postmaster.choose(domains),
    'postmaster.fetch': () => postmaster.fetch(),
    'postmaster.disconnect': () => postmaster.disconnect(),
    'team.reputation': () => postmaster.reputation(services.team.status().joined),
  };
}
