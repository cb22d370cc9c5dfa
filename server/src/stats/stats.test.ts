import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditEvent, appendEvent } from '../../../shared/audit/chain';
import type { StatsAnswer } from '../../../shared/team/stats';
import type { App } from '../app';
import { asRows, type Device, member, push } from '../replication/testing/sync-world';
import { BACKENDS, OPEN_TIMEOUT_MS, openTestDb, type TestDb } from '../testing/backends';
import { bearer, makeApp, makeTeam, type TestTeam, unsubscribeToken } from '../testing/fixtures';
import { applyRollup } from './rollup';

const DAY = 86_400_000;
const START = Date.parse('2026-03-01T00:00:00Z');
const TYPES: [string, Record<string, unknown>][] = [
  ['send.sent', { mailboxId: 'MB' }],
  ['send.sent', { mailboxId: 'MB', sequenceId: 'seq-a' }],
  ['send.blocked', { mailboxId: 'MB', reasons: ['suppressed-address'] }],
  ['send.blocked', { mailboxId: 'MB', reasons: ['sending-paused'] }], // a hold: never counted
  ['inbox.reply', { mailboxId: 'MB' }],
  ['inbox.bounce', { mailboxId: 'MB' }],
  ['inbox.optout', { mailboxId: 'MB' }],
  ['inbox.complaint', { mailboxId: 'MB' }],
  ['mailbox.paused', { mailboxId: 'MB' }],
];

/** `count` events of a chain, a spread of types over 5 days (23:59 UTC and 00:00 both occur), by the desktop's chain code */
async function events(
  chainId: string,
  mailboxId: string,
  count: number,
  seed: number,
  previous?: AuditEvent,
) {
  const list: AuditEvent[] = [];
  let last = previous ?? null;
  for (let i = 0; i < count; i++) {
    const [type, data] = TYPES[(i * 7 + seed) % TYPES.length]!;
    const at = START + ((i * 13 + seed) % 5) * DAY + (i % 2 === 0 ? DAY - 60_000 : 0);
    last = await appendEvent(last, { deviceId: chainId, type, at, data: { ...data, mailboxId, n: i } });
    list.push(last);
  }
  return list;
}

async function stats(app: App, token: string, query = '?from=2026-03-01&to=2026-03-31') {
  const response = await app.inject({ method: 'GET', url: `/v1/stats${query}`, headers: bearer(token) });
  return { status: response.statusCode, value: response.json().value as StatsAnswer, body: response.json() };
}

describe.each(BACKENDS)('team stats on %s', (backend) => {
  let t: TestDb;
  let app: App;
  let team: TestTeam;
  let other: TestTeam;
  let rep: Device;
  let rep2: Device;
  let manager: Device;
  let readonly: Device;
  const chain1 = 'c0ffee00-0000-4000-8000-00000000aaa1';
  const chain2 = 'c0ffee00-0000-4000-8000-00000000aaa2';
  let first: AuditEvent[];

  beforeAll(async () => {
    t = await openTestDb(backend);
    app = await makeApp(t.db, { perMinute: 10_000 });
    team = await makeTeam(t.db, 'Acme');
    other = await makeTeam(t.db, 'Globex');
    [rep, rep2, manager, readonly] = await Promise.all([
      member(t.db, team, 'rep', 'ann'),
      member(t.db, team, 'rep', 'bob'),
      member(t.db, team, 'manager'),
      member(t.db, team, 'readonly'),
    ]);
    first = await events(chain1, 'mb-ann', 60, 1);
    expect((await push(app, rep.token, 'audit', asRows(first.slice(0, 25)))).status).toBe(200);
    expect((await push(app, rep.token, 'audit', asRows(first))).status).toBe(200); // 1–25 again, unchanged
    expect((await push(app, rep2.token, 'audit', asRows(await events(chain2, 'mb-bob', 45, 4)))).status).toBe(
      200,
    );
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await t?.dispose();
  }, OPEN_TIMEOUT_MS);

  /** the same numbers counted straight from the audit rows, with SQL of the test's own */
  async function direct() {
    const rows = await t.db.query<{ day: string; member: string; metric: string; n: string }>(
      `SELECT to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, c.member_id AS member,
         CASE a.type WHEN 'send.sent' THEN 'sent' WHEN 'send.blocked' THEN 'blocked' WHEN 'inbox.reply' THEN 'replied'
           WHEN 'inbox.bounce' THEN 'bounced' WHEN 'inbox.optout' THEN 'opted_out' ELSE 'complained' END AS metric,
         count(*)::text AS n
       FROM audit a JOIN audit_chains c ON c.team_id = a.team_id AND c.chain_id = a.device_id
       WHERE a.team_id = $1 AND a.type IN ('send.sent', 'send.blocked', 'inbox.reply', 'inbox.bounce', 'inbox.optout', 'inbox.complaint')
         AND NOT (a.type = 'send.blocked' AND a.data->'reasons' = '["sending-paused"]'::jsonb)
       GROUP BY 1, 2, 3`,
      [team.teamId],
    );
    return new Map(rows.map((r) => [`${r.day}|${r.member}|${r.metric}`, Number(r.n)]));
  }

  function flatten(answer: StatsAnswer) {
    const map = new Map<string, number>();
    for (const d of answer.days) {
      for (const metric of ['sent', 'blocked', 'replied', 'bounced', 'opted_out', 'complained'] as const) {
        if (d[metric] > 0) map.set(`${d.day}|${d.memberId}|${metric}`, d[metric]);
      }
    }
    return map;
  }

  it("the manager's numbers per rep per day equal a direct count over the audit rows", async () => {
    const { status, value } = await stats(app, manager.token);
    expect(status).toBe(200);
    expect(value.scope).toBe('team');
    const expected = await direct();
    expect(expected.size).toBeGreaterThan(20);
    expect(flatten(value)).toEqual(expected);
    // blocked by reason: only the real block, as many as the blocked total
    const blocked = value.days.reduce((sum, d) => sum + d.blocked, 0);
    expect(new Set(value.blockedBy.map((b) => b.reason))).toEqual(new Set(['suppressed-address']));
    expect(value.blockedBy.reduce((sum, b) => sum + b.count, 0)).toBe(blocked);
    // per sequence: the sends that named one
    const [named] = await t.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM audit WHERE team_id = $1 AND data->>'sequenceId' = 'seq-a'`,
      [team.teamId],
    );
    expect(value.sequences.filter((s) => s.sequenceId === 'seq-a').reduce((s, r) => s + r.sent, 0)).toBe(
      Number(named!.n),
    );
    expect(value.members.map((m) => m.id).sort()).toEqual(
      [team.memberId, rep.memberId, rep2.memberId, manager.memberId, readonly.memberId].sort(),
    );
  });

  it('a retried push, or the same events rolled up again, counts nothing twice', async () => {
    const before = flatten((await stats(app, manager.token)).value);
    expect((await push(app, rep.token, 'audit', asRows(first))).status).toBe(200);
    const counted = await t.db.transaction((tx) => applyRollup(tx, team.teamId, rep.memberId, first));
    expect(counted).toBe(0);
    expect(flatten((await stats(app, manager.token)).value)).toEqual(before);
    // a push refused for a broken chain counts none of its events
    const more = await events(chain1, 'mb-ann', 5, 2, first.at(-1));
    const broken = [...more.slice(0, 2), { ...more[2]!, hash: 'f'.repeat(64) }];
    expect((await push(app, rep.token, 'audit', asRows(broken))).status).toBe(409);
    expect(flatten((await stats(app, manager.token)).value)).toEqual(before);
    expect(flatten((await stats(app, manager.token)).value)).toEqual(await direct());
  });

  it('a rep sees only their own numbers; readonly sees everyone; the range is checked', async () => {
    const mine = await stats(app, rep.token);
    expect(mine.value.scope).toBe('own');
    expect(new Set(mine.value.days.map((d) => d.memberId))).toEqual(new Set([rep.memberId]));
    expect(mine.value.members.map((m) => m.id)).toEqual([rep.memberId]);
    expect(mine.value.blockedBy.every((b) => b.memberId === rep.memberId)).toBe(true);
    const all = await stats(app, readonly.token);
    expect(all.value.scope).toBe('team');
    expect(new Set(all.value.days.map((d) => d.memberId))).toEqual(new Set([rep.memberId, rep2.memberId]));
    const bad = await stats(app, manager.token, '?from=2026-03-09&to=2026-03-01');
    expect(bad.status).toBe(400);
    expect((await stats(app, manager.token, "?from=2026-03-01'--")).status).toBe(400);
    // a day outside the range is not in the answer
    const oneDay = await stats(app, manager.token, '?from=2026-03-02&to=2026-03-02');
    expect(new Set(oneDay.value.days.map((d) => d.day))).toEqual(new Set(['2026-03-02']));
  });

  it("another team's owner sees only their own team's (empty) numbers", async () => {
    const theirs = await stats(app, other.token);
    expect(theirs.status).toBe(200);
    expect(theirs.value.days).toEqual([]);
    expect(JSON.stringify(theirs.body)).not.toContain(rep.memberId);
  });

  it('a one-click opt-out counts once, for the rep who sent from that mailbox', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const query = `?from=${today}&to=${today}`;
    const optedOut = async () =>
      (await stats(app, manager.token, query)).value.days
        .filter((d) => d.memberId === rep2.memberId)
        .reduce((s, d) => s + d.opted_out, 0);
    const before = await optedOut();
    const url = `/u/${unsubscribeToken(team.key, 'lead-one-click@example.com', 'mb-bob')}`;
    expect(
      (await app.inject({ method: 'POST', url, payload: 'List-Unsubscribe=One-Click' })).statusCode,
    ).toBe(200);
    expect((await app.inject({ method: 'POST', url })).statusCode).toBe(200); // a repeat
    expect(await optedOut()).toBe(before + 1);
    // a mailbox no pushed send named: counted for the team, rep not known
    const unknown = `/u/${unsubscribeToken(team.key, 'lead-two@example.com', 'mb-nobody')}`;
    await app.inject({ method: 'POST', url: unknown });
    const days = (await stats(app, manager.token, query)).value.days;
    expect(days.filter((d) => d.memberId === '').reduce((s, d) => s + d.opted_out, 0)).toBe(1);
    const own = (await stats(app, rep.token, query)).value.days;
    expect(own.every((d) => d.memberId === rep.memberId)).toBe(true);
  });
});
