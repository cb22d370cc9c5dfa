/**
 * Who may change whom in a team (pure; the server enforces it, the Team screen uses it to offer only what will be
 * allowed). The permission table's `members.manage` (owner and admin) is needed for every change; on top of it:
 * - the owner and admin roles are given and taken only by an owner (an admin cannot promote themselves or a
 *   friend, and cannot demote or remove an owner or another admin);
 * - managers do not invite: the README's table keeps inviting to owners and admins, so who joins the team stays
 *   with the people who run its server;
 * - the last owner can be neither demoted nor removed (the server checks that one inside its transaction).
 */
export const TEAM_ROLES = ['owner', 'admin', 'manager', 'rep', 'readonly'] as const;
export type TeamMemberRole = (typeof TEAM_ROLES)[number];

const MANAGERS: readonly TeamMemberRole[] = ['owner', 'admin'];
const OWNER_ONLY: readonly TeamMemberRole[] = ['owner', 'admin'];

/** the caller may invite, change roles, remove members and revoke devices at all */
export const managesMembers = (caller: TeamMemberRole): boolean => MANAGERS.includes(caller);

/** the caller may give `role` (in an invite or a role change) */
export function mayGiveRole(caller: TeamMemberRole, role: TeamMemberRole): boolean {
  if (!managesMembers(caller)) return false;
  return OWNER_ONLY.includes(role) ? caller === 'owner' : true;
}

/** the roles an invite from this caller may carry (an owner is never invited: the CLI makes one, or a promotion) */
export const invitableBy = (caller: TeamMemberRole): TeamMemberRole[] =>
  (['admin', 'manager', 'rep', 'readonly'] as const).filter((r) => mayGiveRole(caller, r));

/** the caller may change or remove a member who has `target` now */
export function mayChangeMember(caller: TeamMemberRole, target: TeamMemberRole): boolean {
  if (!managesMembers(caller)) return false;
  return OWNER_ONLY.includes(target) ? caller === 'owner' : true;
}

/** why a change to a member is refused, in words, or null when the role table allows it */
export function refusalOf(
  caller: TeamMemberRole,
  target: TeamMemberRole,
  newRole?: TeamMemberRole,
): string | null {
  if (!managesMembers(caller)) return 'Only the team’s owner and admins can change members.';
  if (!mayChangeMember(caller, target))
    return target === 'owner'
      ? 'Only an owner can change or remove an owner.'
      : 'Only an owner can change or remove an admin.';
  if (newRole && !mayGiveRole(caller, newRole)) return 'Only an owner can make someone an owner or an admin.';
  return null;
}

export const LAST_OWNER =
  'The team needs at least one owner: make someone else an owner first, then change or remove this one.';
