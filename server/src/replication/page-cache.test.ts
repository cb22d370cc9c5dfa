import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../auth/authenticate';
import type { Queryable } from '../db/db';
import { BACKENDS, OPEN_TIMEOUT_MS, openTestDb, type TestDb } from '../testing/backends';
import { makeTeam, type TestTeam } from '../testing/fixtures';
import { recordOptOut } from '../unsubscribe/record';
import { cachedPage, type VersionedPage } from './page-cache';
import { suppressionStore } from './suppression-store';

const fakeDb = (): Queryable => ({ query: async () => [], exec: async () => {} });
const page = (version: string): VersionedPage => ({
  version,
  page: { documents: `["built at ${version}"]`, last: { order: version, id: 'x' } },
});

/** a build that must not run: counts its calls */
function noBuild() {
  let count = 0;
  const build = async () => {
    count++;
    return page('never');
  };
  return { build, count: () => count };
}

describe('pages being built', () => {
  it('requests at the same version wait for the one build', async () => {
    const q = fakeDb();
    let done: (p: VersionedPage) => void = () => {};
    let builds = 0;
    const build = () => {
      builds++;
      return new Promise<VersionedPage>((resolve) => {
        done = resolve;
      });
    };
    const asked = Array.from({ length: 20 }, () => cachedPage(q, 'k', async () => '5', build));
    await new Promise((r) => setTimeout(r, 10));
    done(page('5'));
    const pages = await Promise.all(asked);
    expect(builds).toBe(1);
    for (const p of pages) expect(p).toBe(pages[0]);
  });

  it('a request that read a newer version than the build in flight builds its own', async () => {
    const q = fakeDb();
    const unused = noBuild();
    let resolveFirst: (p: VersionedPage) => void = () => {};
    const first = cachedPage(
      q,
      'k',
      async () => '1',
      () => new Promise((r) => (resolveFirst = r)),
    );
    // a write committed after the first build's snapshot: the counter now reads 2
    const second = cachedPage(
      q,
      'k',
      async () => '2',
      async () => page('2'),
    );
    await new Promise((r) => setTimeout(r, 10));
    resolveFirst(page('1'));
    expect((await first).documents).toBe('["built at 1"]');
    expect((await second).documents).toBe('["built at 2"]');
    // and the kept page is answered only at its own version
    expect((await cachedPage(q, 'k', async () => '2', unused.build)).documents).toBe('["built at 2"]');
    expect(unused.count()).toBe(0);
  });

  it('a failed build fails its own request only; a waiting request builds again', async () => {
    const q = fakeDb();
    let fail: (e: Error) => void = () => {};
    const first = cachedPage(
      q,
      'k',
      async () => '3',
      () => new Promise((_, reject) => (fail = reject)),
    );
    const second = cachedPage(
      q,
      'k',
      async () => '3',
      async () => page('3'),
    );
    await new Promise((r) => setTimeout(r, 10));
    fail(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    expect((await second).documents).toBe('["built at 3"]');
  });
});

describe.each(BACKENDS)('many desktops asking for the same pages at once on %s', (backend) => {
  let t: TestDb;
  let team: TestTeam;
  let caller: Caller;

  beforeAll(async () => {
    t = await openTestDb(backend);
    team = await makeTeam(t.db, 'Acme');
    caller = { teamId: team.teamId, memberId: team.memberId, deviceId: team.deviceId, role: 'owner' };
    for (let i = 0; i < 3; i++)
      await recordOptOut(t.db, team.teamId, { v: 1, k: String(i).repeat(64), m: 'mb1', t: 1_764_600_000 });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await t?.dispose();
  });

  it('get one page built once, the same as the row-by-row pull; an opt-out after shows on the next pull', async () => {
    const pages = await Promise.all(
      Array.from({ length: 20 }, () => suppressionStore.pullJson!(t.db, caller, null, 1000)),
    );
    for (const p of pages) expect(p).toBe(pages[0]);
    const rows = await suppressionStore.pull(t.db, caller, null, 1000);
    expect(JSON.parse(pages[0]!.documents)).toEqual(rows.documents);
    expect(pages[0]!.last).toEqual(rows.last);
    await recordOptOut(t.db, team.teamId, { v: 1, k: 'f'.repeat(64), m: 'mb1', t: 1_764_600_000 });
    const after = await Promise.all(
      Array.from({ length: 5 }, () => suppressionStore.pullJson!(t.db, caller, null, 1000)),
    );
    for (const p of after) expect(JSON.parse(p.documents)).toHaveLength(4);
  });
});
