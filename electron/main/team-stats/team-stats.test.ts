import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_TIMEOUT_MS } from '../../../server/src/testing/backends';
import { bearer } from '../../../server/src/testing/fixtures';
import { appendEvent } from '../../../shared/audit/chain';
import { dispatch, type Handlers } from '../../../shared/ipc/dispatch';
import type { Result } from '../../../shared/ipc/result';
import type { TeamStatsView } from '../../../shared/ipc/team-stats';
import { syncPath } from '../../../shared/team/replication';
import {
  type DesktopMain,
  desktopMain,
  type ServerWorld,
  startServerWorld,
} from '../team/testing/team-world';
import { createTeamStats } from './team-stats';

describe('team.stats in main, against a real team server on PGlite', () => {
  let server: ServerWorld;
  const desktops: DesktopMain[] = [];
  const joined = async (role: 'rep' | 'manager', email: string) => {
    const d = await desktopMain(role);
    desktops.push(d);
    await d.team.join({
      serverUrl: server.base,
      inviteCode: await server.invite(role, 1, email),
      deviceName: role,
    });
    return d;
  };
  const reader = (d: DesktopMain) =>
    createTeamStats({ joined: () => d.team.status().joined, get: d.team.get });

  beforeAll(async () => {
    server = await startServerWorld();
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    for (const d of desktops) await d.close();
    await server?.close();
  }, OPEN_TIMEOUT_MS);

  it('not in a team: says so and asks nothing', async () => {
    const d = await desktopMain('alone');
    desktops.push(d);
    expect(await reader(d).read({})).toEqual({ joined: false });
  });

  it("a manager reads every rep's numbers, a rep only their own, with the token main keeps", async () => {
    const rep = await joined('rep', 'ana@acme.test');
    const manager = await joined('manager', 'max@acme.test');
    // the rep's desktop pushed two sends today (as its RxDB replication would, straight to the server here)
    const token = (await rep.vault.take('team:device-token'))!;
    const first = await appendEvent(null, {
      deviceId: 'chain-ana',
      type: 'send.sent',
      at: Date.now(),
      data: {},
    });
    const second = await appendEvent(first, {
      deviceId: 'chain-ana',
      type: 'send.sent',
      at: Date.now(),
      data: {},
    });
    const pushed = await server.app.inject({
      method: 'POST',
      url: syncPath('audit', 'push'),
      headers: bearer(token),
      payload: [first, second].map((e) => ({ newDocumentState: { ...e, _deleted: false } })),
    });
    expect(pushed.statusCode).toBe(200);

    // through the bridge's own checks, as the page calls it
    const handlers = { 'team.stats': (q) => reader(manager).read(q) } as Partial<Handlers> as Handlers;
    const seen = (await dispatch(handlers, 'team.stats', {}, { transport: 'ipc' })) as Result<TeamStatsView>;
    expect(seen.ok).toBe(true);
    if (!seen.ok || !seen.value.joined) throw new Error('no stats');
    expect(seen.value.stats.scope).toBe('team');
    expect(seen.value.stats.days.reduce((s, d) => s + d.sent, 0)).toBe(2);
    expect(seen.value.stats.members.map((m) => m.email)).toContain('ana@acme.test');
    const bad = await dispatch(handlers, 'team.stats', { from: '1 March' }, { transport: 'ipc' });
    expect(bad.ok).toBe(false);

    const own = await reader(rep).read({});
    if (!own.joined) throw new Error('not joined');
    expect(own.stats.scope).toBe('own');
    expect(own.stats.members.map((m) => m.email)).toEqual(['ana@acme.test']);
  });

  it('an answer that does not fit the contract is refused in words', async () => {
    const stats = createTeamStats({ joined: () => true, get: async () => ({ days: 'lots' }) });
    await expect(stats.read({})).rejects.toThrow(/cannot read/);
  });
});
