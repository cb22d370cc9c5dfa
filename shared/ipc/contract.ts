import type { z } from 'zod';
import { appChannels } from './app';
import { auditChannels } from './audit';
import { certificateChannels } from './certificates';
import type { ChannelName } from './channels';
import { combineChannels } from './define';
import { inboxChannels } from './inbox';
import { mailboxChannels } from './mailboxes';
import { oauthSettingsChannels } from './oauth-settings';
import { postmasterChannels } from './postmaster';
import type { Result } from './result';
import { sendChannels } from './send';
import { sendingChannels } from './sending';
import { settingsChannels } from './settings';
import { suppressionChannels } from './suppression';
import { teamChannels } from './team';
import { teamMembersChannels } from './team-members';
import { teamStatsChannels } from './team-stats';
import { vaultChannels } from './vault';

/** The whole bridge: every call the renderer can make into main, in one place. */
export const contract = combineChannels(
  appChannels,
  suppressionChannels,
  mailboxChannels,
  oauthSettingsChannels,
  vaultChannels,
  settingsChannels,
  sendChannels,
  auditChannels,
  inboxChannels,
  certificateChannels,
  sendingChannels,
  teamChannels,
  teamStatsChannels,
  teamMembersChannels,
  postmasterChannels,
);

export type Contract = typeof contract;
export type Channel = keyof Contract & string;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = Exclude<Contract[C]['response'], undefined>;

export const CHANNELS: readonly Channel[] = Object.keys(contract) as Channel[];

// The preload's name list (channels.ts) and the contract must name the same calls: a compile error otherwise.
type Missing = Exclude<Channel, ChannelName>;
type Extra = Exclude<ChannelName, Channel>;
export const CHANNEL_LIST_MATCHES: [Missing, Extra] extends [never, never] ? true : never = true;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** What the preload exposes and the web client implements: one typed call, results never thrown. */
export interface Bridge {
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
}
