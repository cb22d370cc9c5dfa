import { z } from 'zod';
import { channel } from './define';
import type { OAuthStart } from './mailboxes';

/**
 * Google Postmaster Tools for the team (issue 11's optional item). An owner or admin connects their Google account
 * (scope postmaster.readonly) in Settings → Team; main keeps the refresh token sealed, reads the daily spam rate of
 * the domains they tick and shares them with the team as the `postmaster` team document. Every member's Team screen
 * reads the shared figures with `team.reputation` (a team channel: shared/ipc/team.ts); the gate judges each
 * mailbox's domain by them.
 */

export type PostmasterPermission = 'OWNER' | 'READER' | 'NONE' | 'PERMISSION_UNSPECIFIED';

export interface PostmasterStatus {
  /** this computer is in a team as its owner or an admin: it may connect and share */
  canConnect: boolean;
  connected: boolean;
  /** the domains the connected Google account registered in Postmaster Tools */
  domains: { domain: string; permission: PostmasterPermission; chosen: boolean }[];
  /** when figures were last read and shared */
  lastFetchAt: number | null;
  /** the last thing that went wrong, in words; null once a fetch works again */
  problem: string | null;
}

const empty = z.object({}).strict();
const domainName = z.string().trim().min(1).max(253);

export const postmasterChannels = {
  'postmaster.status': channel(empty).returns<PostmasterStatus>(),
  /** starts Google's sign-in in the system browser (owners and admins only) */
  'postmaster.connect': channel(empty).returns<OAuthStart>(),
  /** waits for the sign-in; keeps the token sealed only when Google granted postmaster.readonly */
  'postmaster.finishConnect': channel(
    z.object({ flowId: z.string().min(1).max(100) }).strict(),
  ).returns<PostmasterStatus>(),
  /** which of the account's domains the team gets figures for */
  'postmaster.choose': channel(
    z.object({ domains: z.array(domainName).max(50) }).strict(),
  ).returns<PostmasterStatus>(),
  /** reads the chosen domains' last 30 days now and shares them with the team */
  'postmaster.fetch': channel(empty).returns<PostmasterStatus>(),
  /** forgets the Google token on this computer; the figures already shared stay until they age out */
  'postmaster.disconnect': channel(empty).returns<PostmasterStatus>(),
};
