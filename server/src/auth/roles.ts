/**
 * Who may do what, in one table (the README shows the same table). A route names the permission it needs;
 * the auth hook checks the caller's role against this table and nothing else.
 */
export const ROLES = ['owner', 'admin', 'manager', 'rep', 'readonly'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'team.read': 'see the team, its members and their roles',
  'members.manage': 'invite members, change roles, revoke devices',
  'suppression.read': 'pull the suppression list',
  'suppression.add': 'add entries to the suppression list',
  'suppression.remove': 'remove an entry (a tombstone with a reason, audited)',
  'audit.push': "push this device's audit events",
  'stats.own': 'see their own numbers',
  'stats.team': "see every rep's numbers",
  'settings.manage': "change the team's caps and breaker thresholds",
} as const;
export type Permission = keyof typeof PERMISSIONS;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: Object.keys(PERMISSIONS) as Permission[],
  admin: Object.keys(PERMISSIONS) as Permission[],
  manager: ['team.read', 'suppression.read', 'suppression.add', 'audit.push', 'stats.own', 'stats.team'],
  rep: ['team.read', 'suppression.read', 'suppression.add', 'audit.push', 'stats.own'],
  // readonly members look on (an auditor, a founder): they see what managers see and change nothing
  readonly: ['team.read', 'suppression.read', 'stats.own', 'stats.team'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** roles an invite may carry: an owner is made only by the CLI */
export const INVITABLE_ROLES = ['admin', 'manager', 'rep', 'readonly'] as const satisfies readonly Role[];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
