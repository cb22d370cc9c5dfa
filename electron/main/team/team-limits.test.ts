import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../../shared/compliance/breakers';
import { mailboxCapToday } from '../../../shared/compliance/limits';
import type { TeamEvents } from '../../../shared/ipc/team';
import { observingTeamSettings, openTeamLimits, withTeamThresholds } from './team-limits';

// The team's caps and stricter breakers, read from the `team` collection as it passes through main, kept on
// disk (a real file), and applied to what the gate and the Mailboxes screen read.

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fairsend-team-limits-'));
  file = join(dir, 'team-limits.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const settingsDoc = (value: unknown, deleted = false) => ({
  id: 'settings',
  value,
  updatedAt: 1,
  _deleted: deleted,
});
const STRICT = { caps: { mailboxDailyMax: 40 }, breakers: { bouncePause: 0.02, complaintWarn: 0.0005 } };

describe('the team’s limits', () => {
  it('take the settings document: a lower cap and stricter breakers, never a looser one', async () => {
    const limits = openTeamLimits(file);
    expect(limits.teamCap()).toBeUndefined();
    expect(limits.thresholds()).toEqual(DEFAULT_THRESHOLDS);
    await limits.observe([
      { id: 'member:m1', value: {}, updatedAt: 1, _deleted: false },
      settingsDoc(STRICT),
    ]);
    expect(limits.teamCap()).toBe(40);
    expect(limits.thresholds()).toMatchObject({ bouncePause: 0.02, complaintWarn: 0.0005 });
    // a team asking for a looser breaker than the desktop's gets the desktop's
    await limits.observe([settingsDoc({ breakers: { bouncePause: 0.5 } })]);
    expect(limits.thresholds().bouncePause).toBe(DEFAULT_THRESHOLDS.bouncePause);
    // the cap is applied as the team cap: the mailbox's day is the lower of it and the provider's
    const capped = mailboxCapToday({ provider: 'smtp', createdAt: 0, dailyCapOverride: null }, 1e12, 40);
    expect(capped.cap).toBeLessThanOrEqual(40);
  });

  it('hold across a restart, keep the last good one when a document cannot be read, and end on removal', async () => {
    const first = openTeamLimits(file);
    await first.observe([settingsDoc(STRICT)]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject(STRICT);
    const second = openTeamLimits(file);
    expect(second.teamCap()).toBe(40);
    await second.observe([settingsDoc({ caps: { mailboxDailyMax: 'lots' } })]);
    expect(second.teamCap()).toBe(40);
    await second.observe([settingsDoc(STRICT, true)]);
    expect(second.teamCap()).toBeUndefined();
    expect(openTeamLimits(file).teamCap()).toBeUndefined();
  });

  it('apply only while the desktop is in a team', async () => {
    let joined = true;
    const limits = openTeamLimits(file, () => joined);
    await limits.observe([settingsDoc(STRICT)]);
    expect(limits.teamCap()).toBe(40);
    joined = false; // the server removed this computer
    expect(limits.teamCap()).toBeUndefined();
    expect(limits.thresholds()).toEqual(DEFAULT_THRESHOLDS);
  });

  it('judge the breaker by the team’s thresholds unless a caller names its own', () => {
    const seen: unknown[] = [];
    const health = {
      record: async () => {},
      sentSince: () => 0,
      breaker: (_id: string, _now: number, thresholds?: unknown) => {
        seen.push(thresholds);
        return { state: 'ok' as const, reasons: [], judged: false, rates: { bounce: 0, complaint: 0 } };
      },
      lastResumed: () => undefined,
      close: async () => {},
    };
    const strict = { ...DEFAULT_THRESHOLDS, bouncePause: 0.01 };
    const judged = withTeamThresholds(health, { teamCap: () => undefined, thresholds: () => strict });
    judged.breaker('mb1', 1);
    judged.breaker('mb1', 1, DEFAULT_THRESHOLDS);
    expect(seen).toEqual([strict, DEFAULT_THRESHOLDS]);
  });
});

describe('the team service, watched', () => {
  function service() {
    const calls: string[] = [];
    const events: TeamEvents = {
      statusVersion: 1,
      events: [
        { seq: 1, collection: 'suppression', event: { documents: [settingsDoc({})], checkpoint: null } },
        { seq: 2, collection: 'team', event: 'RESYNC' },
        { seq: 3, collection: 'team', event: { documents: [settingsDoc(STRICT)], checkpoint: null } },
      ],
    };
    return {
      calls,
      pull: async (collection: string) => ({
        documents: collection === 'team' ? [settingsDoc({ caps: { mailboxDailyMax: 25 } })] : [],
        checkpoint: null,
      }),
      events: async (_after: number, _waitMs: number) => events,
      join: async () => calls.push('join'),
      leave: async () => calls.push('leave'),
    };
  }

  it('reads the settings from team pulls and live batches, not from other collections', async () => {
    const limits = openTeamLimits(file);
    const watched = observingTeamSettings(service(), limits);
    await watched.pull('suppression');
    expect(limits.teamCap()).toBeUndefined();
    await watched.pull('team');
    expect(limits.teamCap()).toBe(25);
    await watched.events(0, 0);
    expect(limits.teamCap()).toBe(40);
  });

  it('starts from the desktop’s own limits when it joins or leaves a team', async () => {
    const limits = openTeamLimits(file);
    const inner = service();
    const watched = observingTeamSettings(inner, limits);
    await limits.observe([settingsDoc(STRICT)]);
    await watched.leave();
    expect(limits.teamCap()).toBeUndefined();
    await limits.observe([settingsDoc(STRICT)]);
    await watched.join();
    expect(limits.teamCap()).toBeUndefined();
    expect(inner.calls).toEqual(['leave', 'join']);
  });
});
