import { z } from 'zod';
import { AppError } from '../../../shared/ipc/result';
import type { NewInvite, TeamMembersView } from '../../../shared/ipc/team-members';
import { managesMembers, TEAM_ROLES, type TeamMemberRole } from '../../../shared/team/member-rules';

/** What the Members panel needs from the team service: membership facts and a member's calls with the sealed token. */
export interface TeamMembersDeps {
  joined(): boolean;
  /** the server device this computer joined as */
  deviceId(): string | null;
  /** a call to the joined server with the sealed device token; throws an AppError in words */
  call(path: string, options?: { method?: 'GET' | 'POST'; body?: unknown }): Promise<unknown>;
}

const role = z.enum(TEAM_ROLES);
const me = z.object({ memberId: z.string(), role });
const members = z.array(
  z.object({
    id: z.string(),
    email: z.string(),
    // servers before shared codes do not send it
    name: z.string().nullable().default(null),
    role,
    createdAt: z.string(),
  }),
);
const devices = z.array(
  z.object({
    id: z.string(),
    memberId: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  }),
);
const invites = z.array(
  z.object({
    id: z.string(),
    email: z.string().nullable(),
    role,
    createdAt: z.string(),
    expiresAt: z.string(),
  }),
);
const newInvite = z.object({ id: z.string(), code: z.string().min(8).max(100), expiresAt: z.string() });

function read<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new AppError(
      'rejected-permanent',
      'The team server answered with a member list this version of Fairsend cannot read. Update Fairsend, or ask your admin to update the server.',
    );
  return parsed.data;
}

const at = (id: string) => encodeURIComponent(id);

/** The bridge's team.members, team.invite, team.revokeInvite, team.setRole, team.removeMember, team.revokeDevice. */
export function createTeamMembers(deps: TeamMembersDeps) {
  const post = (path: string, body: unknown = {}) => deps.call(path, { method: 'POST', body });

  return {
    async list(): Promise<TeamMembersView> {
      if (!deps.joined()) return { joined: false };
      const you = read(me, await deps.call('/v1/me'));
      const canManage = managesMembers(you.role);
      const [people, machines, open] = await Promise.all([
        deps.call('/v1/members').then((v) => read(members, v)),
        canManage ? deps.call('/v1/devices').then((v) => read(devices, v)) : Promise.resolve([]),
        canManage ? deps.call('/v1/invites').then((v) => read(invites, v)) : Promise.resolve([]),
      ]);
      const thisDevice = deps.deviceId();
      return {
        joined: true,
        you,
        canManage,
        members: people.map((m) => ({
          ...m,
          you: m.id === you.memberId,
          devices: machines
            .filter((d) => d.memberId === m.id)
            .map((d) => ({
              id: d.id,
              name: d.name,
              createdAt: d.createdAt,
              lastSeenAt: d.lastSeenAt,
              revoked: d.revokedAt !== null,
              thisComputer: d.id === thisDevice,
            })),
        })),
        invites: open,
      };
    },
    /** an invite for one email, or (email empty) a shared code whose holder gives their email when joining */
    async invite(input: {
      email?: string | undefined;
      role: Exclude<TeamMemberRole, 'owner'>;
      ttlHours: number;
    }): Promise<NewInvite> {
      const email = input.email?.trim().toLowerCase() || null;
      const body = { role: input.role, ttlHours: input.ttlHours, ...(email ? { email } : {}) };
      const made = read(newInvite, await post('/v1/invites', body));
      return { ...made, email, role: input.role };
    },
    async revokeInvite(inviteId: string): Promise<null> {
      await post(`/v1/invites/${at(inviteId)}/revoke`);
      return null;
    },
    async setRole(memberId: string, newRole: TeamMemberRole): Promise<null> {
      await post(`/v1/members/${at(memberId)}/role`, { role: newRole });
      return null;
    },
    async removeMember(memberId: string): Promise<null> {
      await post(`/v1/members/${at(memberId)}/remove`);
      return null;
    },
    async revokeDevice(deviceId: string): Promise<null> {
      await post(`/v1/devices/${at(deviceId)}/revoke`);
      return null;
    },
  };
}

export type TeamMembers = ReturnType<typeof createTeamMembers>;
