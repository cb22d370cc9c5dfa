import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_TIMEOUT_MS } from '../../../server/src/testing/backends';
import { dispatch, type Handlers } from '../../../shared/ipc/dispatch';
import type { Result } from '../../../shared/ipc/result';
import type { NewInvite, TeamMembersView } from '../../../shared/ipc/team-members';
import { REMOVED_MESSAGE } from '../team/team-client';
import {
  type DesktopMain,
  desktopMain,
  type ServerWorld,
  startServerWorld,
} from '../team/testing/team-world';
import { createTeamMembers } from './team-members';

describe('the Members panel in main, against a real team server on PGlite', () => {
  let server: ServerWorld;
  const desktops: DesktopMain[] = [];
  let owner: DesktopMain;

  const membersOf = (d: DesktopMain) =>
    createTeamMembers({
      joined: () => d.team.status().joined,
      deviceId: () => d.team.deviceId(),
      call: (path, options) => d.team.manage(path, options),
    });
  /** the bridge's own checks in front of main's calls, as the page reaches them */
  const handlersOf = (d: DesktopMain) => {
    const m = membersOf(d);
    return {
      'team.members': () => m.list(),
      'team.invite': (r) => m.invite(r),
      'team.revokeInvite': ({ inviteId }) => m.revokeInvite(inviteId),
      'team.setRole': ({ memberId, role }) => m.setRole(memberId, role),
      'team.removeMember': ({ memberId }) => m.removeMember(memberId),
      'team.revokeDevice': ({ deviceId }) => m.revokeDevice(deviceId),
    } as Partial<Handlers> as Handlers;
  };
  const call = async <T>(d: DesktopMain, channel: string, request: unknown) =>
    (await dispatch(handlersOf(d), channel as 'team.members', request as never, {
      transport: 'ipc',
    })) as Result<T>;
  const joinWith = async (code: string, name: string) => {
    const d = await desktopMain(name);
    desktops.push(d);
    await d.team.join({ serverUrl: server.base, inviteCode: code, deviceName: name });
    return d;
  };

  beforeAll(async () => {
    server = await startServerWorld();
    // an invite for the owner's email adds a device to the owner (a member keeps their role on a new device)
    owner = await joinWith(await server.invite('admin', 1, 'owner@acme.test'), 'owner');
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    for (const d of desktops) await d.close();
    await server?.close();
  }, OPEN_TIMEOUT_MS);

  it('not in a team: says so and asks nothing', async () => {
    const d = await desktopMain('alone');
    desktops.push(d);
    expect(await membersOf(d).list()).toEqual({ joined: false });
  });

  it('an owner invites, sees the open invite, the new member and their device, changes the role and removes them', async () => {
    const made = await call<NewInvite>(owner, 'team.invite', {
      email: 'Ana@Acme.test',
      role: 'rep',
      ttlHours: 72,
    });
    if (!made.ok) throw new Error(made.error.message);
    expect(made.value).toMatchObject({ email: 'ana@acme.test', role: 'rep' });
    expect(Date.parse(made.value.expiresAt) - Date.now()).toBeGreaterThan(71 * 3600_000);

    let view = await call<TeamMembersView>(owner, 'team.members', {});
    if (!view.ok || !view.value.joined) throw new Error('no view');
    expect(view.value.canManage).toBe(true);
    expect(view.value.you.role).toBe('owner');
    expect(view.value.invites.map((i) => i.email)).toContain('ana@acme.test');
    expect(JSON.stringify(view.value)).not.toContain(made.value.code);
    const me = view.value.members.find((m) => m.you);
    expect(me?.devices.find((d) => d.thisComputer)?.name).toBe('owner');

    const ana = await joinWith(made.value.code, 'ana laptop');
    view = await call<TeamMembersView>(owner, 'team.members', {});
    if (!view.ok || !view.value.joined) throw new Error('no view');
    const anaRow = view.value.members.find((m) => m.email === 'ana@acme.test')!;
    expect(anaRow.role).toBe('rep');
    expect(anaRow.devices.map((d) => [d.name, d.revoked])).toEqual([['ana laptop', false]]);
    expect(view.value.invites.map((i) => i.email)).not.toContain('ana@acme.test');

    // a rep sees the list and nothing to manage
    const seen = await membersOf(ana).list();
    if (!seen.joined) throw new Error('not joined');
    expect(seen.canManage).toBe(false);
    expect(seen.invites).toEqual([]);
    expect(seen.members.every((m) => m.devices.length === 0)).toBe(true);
    const refused = await call(ana, 'team.setRole', { memberId: anaRow.id, role: 'admin' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/role in the team does not allow/);
    // a refusal is the click's answer, not a sync problem
    expect(ana.team.status().problem).toBeNull();

    expect((await call(owner, 'team.setRole', { memberId: anaRow.id, role: 'manager' })).ok).toBe(true);
    expect((await membersOf(ana).list()).joined && (await ana.team.manage('/v1/me'))).toMatchObject({
      role: 'manager',
    });

    expect((await call(owner, 'team.removeMember', { memberId: anaRow.id })).ok).toBe(true);
    // the removed computer's next call ends its membership, in words
    const after = await call(ana, 'team.members', {});
    expect(after.ok).toBe(false);
    expect(ana.team.status()).toMatchObject({ joined: false, removed: true });
    expect(ana.team.status().problem?.message).toBe(REMOVED_MESSAGE);
  });

  it('an invite can be revoked before it is used; the code then joins nothing', async () => {
    const made = await call<NewInvite>(owner, 'team.invite', {
      email: 'max@acme.test',
      role: 'readonly',
      ttlHours: 24,
    });
    if (!made.ok) throw new Error(made.error.message);
    expect((await call(owner, 'team.revokeInvite', { inviteId: made.value.id })).ok).toBe(true);
    const d = await desktopMain('max');
    desktops.push(d);
    await expect(
      d.team.join({ serverUrl: server.base, inviteCode: made.value.code, deviceName: 'max' }),
    ).rejects.toThrow(/invite code does not work/);
  });

  it("one device revoked: that computer is out on its next call, the member's other computer stays in", async () => {
    const first = await joinWith(await server.invite('rep', 1, 'sam@acme.test'), 'sam office');
    const second = await joinWith(await server.invite('rep', 1, 'sam@acme.test'), 'sam home');
    const view = await membersOf(owner).list();
    if (!view.joined) throw new Error('not joined');
    const office = view.members
      .find((m) => m.email === 'sam@acme.test')!
      .devices.find((d) => d.name === 'sam office')!;
    expect((await call(owner, 'team.revokeDevice', { deviceId: office.id })).ok).toBe(true);
    await expect(first.team.manage('/v1/me')).rejects.toThrow(/removed from the team/);
    expect(first.team.status().removed).toBe(true);
    expect(await second.team.manage('/v1/me')).toMatchObject({ role: 'rep' });
  });

  it('bad requests stop at the bridge: an owner role in an invite, an id with a slash, a malformed email', async () => {
    for (const [channel, request] of [
      ['team.invite', { email: 'x@acme.test', role: 'owner', ttlHours: 24 }],
      ['team.invite', { email: 'not an address', role: 'rep', ttlHours: 24 }],
      ['team.removeMember', { memberId: '../devices/x' }],
      ['team.setRole', { memberId: 'abc', role: 'boss' }],
    ] as const) {
      const res = await call(owner, channel, request);
      expect(res.ok, channel).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('invalid-input');
    }
  });

  it('an invite without an email is a shared code: listed as such, and joins whoever gives a new email', async () => {
    const made = await call<NewInvite>(owner, 'team.invite', { email: '', role: 'rep', ttlHours: 24 });
    if (!made.ok) throw new Error(made.error.message);
    expect(made.value).toMatchObject({ email: null, role: 'rep' });
    const listed = await call<TeamMembersView>(owner, 'team.members', {});
    if (!listed.ok || !listed.value.joined) throw new Error('not listed');
    expect(listed.value.invites.find((i) => i.id === made.value.id)).toMatchObject({ email: null });
    const d = await desktopMain('shared-code');
    try {
      await d.team.join({
        serverUrl: server.base,
        inviteCode: made.value.code,
        deviceName: 'laptop',
        email: 'zoe@acme.test',
        name: 'Zoe Brandt',
      });
      const after = await call<TeamMembersView>(owner, 'team.members', {});
      if (!after.ok || !after.value.joined) throw new Error('not listed');
      expect(after.value.members.find((m) => m.email === 'zoe@acme.test')).toMatchObject({
        name: 'Zoe Brandt',
        role: 'rep',
      });
    } finally {
      await d.close();
    }
  });
});
