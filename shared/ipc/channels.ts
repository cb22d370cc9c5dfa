/**
 * The bridge's channel names, free of zod, for the sandboxed preload (a sandboxed preload can require
 * nothing but `electron`, so it must stay small and dependency-free). contract.ts checks at compile
 * time that this list and the contract name exactly the same calls.
 */
export const CHANNEL_NAMES = [
  'app.info',
  'app.openExternal',
  'suppression.keys',
  'mailboxes.list',
  'mailboxes.connectSmtp',
  'mailboxes.test',
  'mailboxes.update',
  'mailboxes.setSenderAuth',
  'mailboxes.setImap',
  'mailboxes.disconnect',
  'mailboxes.connectGmail',
  'mailboxes.connectOutlook',
  'mailboxes.finishOAuth',
  'mailboxes.health',
  'mailboxes.resume',
  'mailboxes.setPaused',
  'settings.getOAuth',
  'settings.setOAuth',
  'vault.unlockWithPassphrase',
  'settings.getProfile',
  'settings.setProfile',
  'settings.getStatus',
  'settings.setDnsServers',
  'send.preview',
  'send.message',
  'send.held',
  'send.resolve',
  'suppression.apply',
  'audit.since',
  'audit.record',
  'audit.status',
  'audit.exportDamaged',
  'audit.startNewChain',
  'inbox.since',
  'inbox.check',
  'certificates.list',
  'certificates.trust',
  'certificates.remove',
  'sending.state',
  'sending.setPaused',
  'team.status',
  'team.join',
  'team.leave',
  'team.pull',
  'team.push',
  'team.events',
  'team.localOnly',
  'team.markRekeyed',
  'team.stats',
  // members helper: the Team screen's Members panel
  'team.members',
  'team.invite',
  'team.revokeInvite',
  'team.setRole',
  'team.removeMember',
  'team.revokeDevice',
  'team.trustCertificate',
  'team.forgetCertificate',
  'team.reputation',
  // Google Postmaster Tools: an admin's connection (the team's shared figures are team.reputation)
  'postmaster.status',
  'postmaster.connect',
  'postmaster.finishConnect',
  'postmaster.choose',
  'postmaster.fetch',
  'postmaster.disconnect',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

const names: ReadonlySet<string> = new Set(CHANNEL_NAMES);

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && names.has(name);
}
