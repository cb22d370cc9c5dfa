import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, evaluateBreaker } from '../../../shared/compliance/breakers';
import { openMailboxHealth } from '../send/mailbox-health';
import { withTeamThresholds } from './team-limits';
import { openTeamReputation, withDomainReputation } from './team-reputation';

// The team's Postmaster Tools figures as main keeps them (a real file) and as the gate reads them: through the
// mailbox's own breaker, with the team's stricter complaint limits passed down by withTeamThresholds.

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fairsend-team-reputation-'));
  file = join(dir, 'team-postmaster.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const NOW = Date.UTC(2026, 11, 2, 12);
const doc = (spamRate: number, extra: Record<string, unknown> = {}, deleted = false) => ({
  id: 'postmaster',
  value: {
    fetchedAt: NOW,
    domains: [{ domain: 'acme.test', days: [{ date: '2026-12-01', spamRate, spammyLoops: 0 }] }],
    ...extra,
  },
  updatedAt: 1,
  _deleted: deleted,
});

describe('the team’s Postmaster figures in main', () => {
  it('hold across a restart, keep the last good document, end on removal and outside a team', async () => {
    let joined = true;
    const first = openTeamReputation(file, () => joined);
    await first.observe([{ id: 'settings', value: {}, updatedAt: 1, _deleted: false }, doc(0.0035)]);
    expect(first.value()?.domains[0]?.days[0]?.spamRate).toBe(0.0035);
    const second = openTeamReputation(file, () => joined);
    expect(second.document()).toEqual(doc(0.0035));
    await second.observe([doc(2)]); // a rate over 1: a document this version cannot read
    expect(second.value()?.domains[0]?.days[0]?.spamRate).toBe(0.0035);
    joined = false;
    expect(second.value()).toBeNull();
    joined = true;
    await second.observe([doc(0.0035, {}, true)]);
    expect(second.value()).toBeNull();
    expect(openTeamReputation(file).value()).toBeNull();
  });

  it('pause the mailbox on the domain through its own breaker, with the team’s stricter limits', async () => {
    const health = await openMailboxHealth(join(dir, 'health.jsonl'));
    const reputation = openTeamReputation(file);
    const addresses: Record<string, string> = { mb1: 'ana@acme.test', mb2: 'bo@other.test' };
    const judged = (complaintPause: number) =>
      withTeamThresholds(
        withDomainReputation(health, reputation, (id) => addresses[id]),
        { teamCap: () => undefined, thresholds: () => ({ ...DEFAULT_THRESHOLDS, complaintPause }) },
      );
    await reputation.observe([doc(0.002)]);
    expect(judged(0.003).breaker('mb1', NOW).state).toBe('warn');
    expect(judged(0.002).breaker('mb1', NOW).state).toBe('paused'); // the team's stricter pause limit
    expect(judged(0.002).breaker('mb2', NOW)).toEqual(
      evaluateBreaker({ sends: 0, hardBounces: 0, complaints: 0 }),
    );
    // Resume on the mailbox: the days Google reported up to then judge it no more
    await health.record('mb1', 'resumed', Date.UTC(2026, 11, 2, 9));
    expect(judged(0.002).breaker('mb1', NOW).state).toBe('ok');
    await health.close();
  });
});
