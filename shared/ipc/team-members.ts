import { z } from 'zod';
import { TEAM_ROLES, type TeamMemberRole } from '../team/member-rules';
import { channel } from './define';

/**
 * The Team screen's Members panel (issue 11, members helper). Main asks the team server with the sealed device
 * token and checks each answer; the renderer gets people, roles and device names. The one secret-like thing that
 * crosses is a new invite's code, once, so the owner or admin can hand it to the person it is for (the server
 * keeps only its hash; main forgets it after answering).
 */

export interface TeamDeviceView {
  id: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  revoked: boolean;
  /** the device this computer joined with */
  thisComputer: boolean;
}

export interface TeamMemberView {
  id: string;
  email: string;
  /** the name they gave when joining with a shared code */
  name: string | null;
  role: TeamMemberRole;
  createdAt: string;
  /** only for owners and admins (the server shows devices to `members.manage`) */
  devices: TeamDeviceView[];
  you: boolean;
}

export interface TeamInviteView {
  id: string;
  /** null: a shared code, for whoever the admin gives it to (they give their email when joining) */
  email: string | null;
  role: TeamMemberRole;
  createdAt: string;
  expiresAt: string;
}

export type TeamMembersView =
  | { joined: false }
  | {
      joined: true;
      you: { memberId: string; role: TeamMemberRole };
      /** owners and admins: invites, roles, removals and devices */
      canManage: boolean;
      members: TeamMemberView[];
      invites: TeamInviteView[];
    };

export interface NewInvite {
  id: string;
  /** shown once: it is not kept anywhere after this answer */
  code: string;
  expiresAt: string;
  /** null for a shared code */
  email: string | null;
  role: TeamMemberRole;
}

const serverId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const role = z.enum(TEAM_ROLES);

export const INVITE_TTL_CHOICES = [24, 72, 168] as const;

export const teamMembersChannels = {
  /** members, their roles and (for owners and admins) their devices and the open invites */
  'team.members': channel(z.object({}).strict()).returns<TeamMembersView>(),
  /** a new invite code for one person and role; the code is in this answer only */
  'team.invite': channel(
    z
      .object({
        /** empty or absent: a shared code (whoever joins with it gives their email) */
        email: z
          .string()
          .trim()
          .max(320)
          .regex(/^$|^[^\s@]+@[^\s@]+$/, 'That is not an email address.')
          .optional(),
        role: role.exclude(['owner']),
        ttlHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 14),
      })
      .strict(),
  ).returns<NewInvite>(),
  'team.revokeInvite': channel(z.object({ inviteId: serverId }).strict()).returns<null>(),
  'team.setRole': channel(z.object({ memberId: serverId, role }).strict()).returns<null>(),
  /** removes the member and revokes all their devices */
  'team.removeMember': channel(z.object({ memberId: serverId }).strict()).returns<null>(),
  'team.revokeDevice': channel(z.object({ deviceId: serverId }).strict()).returns<null>(),
};
