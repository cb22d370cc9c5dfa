import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app';
import { BACKENDS, OPEN_TIMEOUT_MS, openTestDb, type TestDb } from '../testing/backends';
import { bearer, makeApp, makeTeam, type TestTeam } from '../testing/fixtures';
import { EMAIL_TAKEN, NEEDS_EMAIL, OTHER_EMAIL } from './invites';

/** Invite codes made without an email (a shared code): the person joining says who they are. */
describe.each(BACKENDS)('shared invite codes on %s', (backend) => {
  let t: TestDb;
  let app: App;
  let team: TestTeam;
  let other: TestTeam;

  beforeAll(async () => {
    t = await openTestDb(backend);
    app = await makeApp(t.db, { joinPerMinute: 1000, failedAttempts: 1000 });
    team = await makeTeam(t.db, 'Acme');
    other = await makeTeam(t.db, 'Globex');
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  });

  async function invite(payload: Record<string, unknown>, token = team.token) {
    const res = await app.inject({ method: 'POST', url: '/v1/invites', headers: bearer(token), payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().value as { id: string; code: string };
  }
  const joinWith = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/v1/join', payload: { deviceName: 'laptop', ...payload } });
  /** the invite row, read by its own query: used or not */
  const usedAt = async (id: string) => {
    const [row] = await t.db.query<{ used_at: Date | null }>('SELECT used_at FROM invites WHERE id = $1', [
      id,
    ]);
    return row ? row.used_at : 'missing';
  };
  const membersNamed = (teamId: string, email: string) =>
    t.db.query<{ id: string; name: string | null; role: string; removed_at: Date | null }>(
      'SELECT id, name, role, removed_at FROM members WHERE team_id = $1 AND email = $2',
      [teamId, email],
    );

  it('a code made without an email asks for one, then joins the person who gives it, once', async () => {
    const shared = await invite({ role: 'manager' });
    const stored = await t.db.query<{ email: string | null; code_hash: string }>(
      'SELECT email, code_hash FROM invites WHERE id = $1',
      [shared.id],
    );
    expect(stored[0]).toMatchObject({ email: null });
    expect(stored[0]!.code_hash).not.toBe(shared.code);
    const listed = await app.inject({ method: 'GET', url: '/v1/invites', headers: bearer(team.token) });
    expect(listed.json().value.find((i: { id: string }) => i.id === shared.id)).toMatchObject({
      email: null,
      role: 'manager',
    });

    const bare = await joinWith({ code: shared.code });
    expect(bare.statusCode).toBe(409);
    expect(bare.json().error.message).toBe(NEEDS_EMAIL);
    expect(await usedAt(shared.id)).toBeNull(); // refused: the code is not spent

    const joined = await joinWith({ code: shared.code, email: ' Lena@Acme.test ', name: 'Lena Park' });
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json().value.member).toMatchObject({
      email: 'lena@acme.test',
      role: 'manager',
      name: 'Lena Park',
    });
    expect(joined.json().value.team.id).toBe(team.teamId);
    expect(await membersNamed(team.teamId, 'lena@acme.test')).toMatchObject([
      { name: 'Lena Park', role: 'manager', removed_at: null },
    ]);
    expect(await membersNamed(other.teamId, 'lena@acme.test')).toEqual([]);
    const members = await app.inject({ method: 'GET', url: '/v1/members', headers: bearer(team.token) });
    expect(members.json().value).toContainEqual(
      expect.objectContaining({ email: 'lena@acme.test', name: 'Lena Park', role: 'manager' }),
    );

    // single use, whoever tries next
    const again = await joinWith({ code: shared.code, email: 'someone@acme.test' });
    expect(again.statusCode).toBe(403);
  });

  it("a second join with an email already in the team is refused with a clear error, even the owner's", async () => {
    await joinWith({ code: (await invite({ role: 'rep' })).code, email: 'sam@acme.test' });
    for (const [i, email] of ['sam@acme.test', 'SAM@acme.test', 'owner@acme.test'].entries()) {
      const shared = await invite({ role: 'rep' });
      const res = await joinWith({ code: shared.code, email });
      expect(res.statusCode, email).toBe(409);
      expect(res.json().error.message).toBe(EMAIL_TAKEN);
      expect(await usedAt(shared.id)).toBeNull();
      // the code still works for someone new
      expect((await joinWith({ code: shared.code, email: `new${i}@acme.test` })).statusCode).toBe(200);
    }
    expect(await membersNamed(team.teamId, 'sam@acme.test')).toHaveLength(1);
    const owner = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM devices WHERE team_id = $1 AND member_id = $2',
      [team.teamId, team.memberId],
    );
    expect(owner[0]!.n).toBe(1); // no device was added to the owner
  });

  it('a code made for an email takes no other; the same email (any case) joins as before', async () => {
    const made = await invite({ role: 'rep', email: 'kim@acme.test' });
    const wrong = await joinWith({ code: made.code, email: 'mallory@acme.test' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.message).toBe(OTHER_EMAIL);
    expect(await usedAt(made.id)).toBeNull();
    const right = await joinWith({ code: made.code, email: 'KIM@acme.test' });
    expect(right.statusCode).toBe(200);
    expect(right.json().value.member).toMatchObject({ email: 'kim@acme.test', name: null });
  });

  it('a removed member can come back with a shared code, with its role', async () => {
    const first = await joinWith({ code: (await invite({ role: 'admin' })).code, email: 'ola@acme.test' });
    const memberId = first.json().value.member.id as string;
    const removed = await app.inject({
      method: 'POST',
      url: `/v1/members/${memberId}/remove`,
      headers: bearer(team.token),
      payload: {},
    });
    expect(removed.statusCode).toBe(200);
    const back = await joinWith({ code: (await invite({ role: 'readonly' })).code, email: 'ola@acme.test' });
    expect(back.statusCode).toBe(200);
    expect(back.json().value.member).toMatchObject({ id: memberId, role: 'readonly' });
  });

  it('two shared codes racing with one new email: exactly one joins', async () => {
    const [a, b] = [await invite({ role: 'rep' }), await invite({ role: 'rep' })];
    const answers = await Promise.all([
      joinWith({ code: a.code, email: 'race@acme.test' }),
      joinWith({ code: b.code, email: 'race@acme.test' }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await membersNamed(team.teamId, 'race@acme.test')).toHaveLength(1);
  });

  it('an expired shared code joins no one; a refused email counts as a failed attempt', async () => {
    const shared = await invite({ role: 'rep', ttlHours: 1 });
    await t.db.query("UPDATE invites SET expires_at = now() - interval '1 minute' WHERE id = $1", [
      shared.id,
    ]);
    expect((await joinWith({ code: shared.code, email: 'late@acme.test' })).statusCode).toBe(403);

    const strict = await makeApp(t.db, { joinPerMinute: 1000, failedAttempts: 2 });
    try {
      const taken = await invite({ role: 'rep' });
      const tries = [];
      for (let i = 0; i < 3; i++)
        tries.push(
          (
            await strict.inject({
              method: 'POST',
              url: '/v1/join',
              payload: { code: taken.code, deviceName: 'x', email: 'owner@acme.test' },
            })
          ).statusCode,
        );
      expect(tries).toEqual([409, 409, 429]);
    } finally {
      await strict.close();
    }
  });

  it('only an owner makes a shared admin code; an admin makes shared rep codes', async () => {
    const admin = await joinWith({ code: (await invite({ role: 'admin' })).code, email: 'adm@acme.test' });
    const adminToken = admin.json().value.token as string;
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/invites',
      headers: bearer(adminToken),
      payload: { role: 'admin' },
    });
    expect(refused.statusCode).toBe(403);
    await invite({ role: 'rep' }, adminToken);
  });
});
