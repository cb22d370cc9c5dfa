import { describe, expect, it } from 'vitest';
import { invitableBy, mayChangeMember, mayGiveRole, refusalOf, TEAM_ROLES } from './member-rules';

describe('who may change whom', () => {
  it('only owners and admins manage; owner and admin roles are an owner’s to give and take', () => {
    const table = Object.fromEntries(
      TEAM_ROLES.map((caller) => [caller, TEAM_ROLES.filter((target) => mayChangeMember(caller, target))]),
    );
    expect(table).toEqual({
      owner: ['owner', 'admin', 'manager', 'rep', 'readonly'],
      admin: ['manager', 'rep', 'readonly'],
      manager: [],
      rep: [],
      readonly: [],
    });
    expect(TEAM_ROLES.filter((r) => mayGiveRole('admin', r))).toEqual(['manager', 'rep', 'readonly']);
    expect(TEAM_ROLES.filter((r) => mayGiveRole('owner', r))).toEqual([...TEAM_ROLES]);
  });

  it('invites never carry the owner role; managers invite no one', () => {
    expect(invitableBy('owner')).toEqual(['admin', 'manager', 'rep', 'readonly']);
    expect(invitableBy('admin')).toEqual(['manager', 'rep', 'readonly']);
    expect(invitableBy('manager')).toEqual([]);
  });

  it('says why in words', () => {
    expect(refusalOf('admin', 'owner')).toMatch(/Only an owner can change or remove an owner/);
    expect(refusalOf('admin', 'rep', 'admin')).toMatch(/make someone an owner or an admin/);
    expect(refusalOf('rep', 'rep')).toMatch(/owner and admins/);
    expect(refusalOf('admin', 'rep', 'manager')).toBeNull();
  });
});
