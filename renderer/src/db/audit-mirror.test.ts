import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditEvent, appendEvent } from '../../../shared/audit/chain';
import { err, ok } from '../../../shared/ipc/result';
import { createAuditMirror, MIRROR_PAGE } from './audit-mirror';
import { createFairsendDatabase, type FairsendDatabase } from './database';

let db: FairsendDatabase;
let dbCount = 0;

beforeEach(async () => {
  db = await createFairsendDatabase(`audit-mirror-test-${++dbCount}`, getRxStorageMemory());
});
afterEach(async () => {
  await db.close();
});

/** main's log: a real hash chain, served page by page as `audit.since` serves it */
function fakeLog(deviceId = 'dev-1') {
  const events: AuditEvent[] = [];
  const calls: number[] = [];
  return {
    events,
    calls,
    async append(n: number) {
      for (let i = 0; i < n; i++)
        events.push(
          await appendEvent(events.at(-1) ?? null, { deviceId, type: 'send.sent', at: 1, data: { i } }),
        );
    },
    since: async (seq: number, limit: number) => {
      calls.push(seq);
      return ok(events.filter((e) => e.seq > seq).slice(0, limit));
    },
  };
}

describe('audit mirror', () => {
  it('copies the chain in pages, then only what is new', async () => {
    const log = fakeLog();
    await log.append(MIRROR_PAGE + 3);
    const mirror = createAuditMirror(db, log);
    expect(await mirror.mirror()).toBe(MIRROR_PAGE + 3);
    expect(await db.audit.count().exec()).toBe(MIRROR_PAGE + 3);
    await log.append(2);
    expect(await mirror.mirror()).toBe(2);
    const last = await db.audit.findOne(log.events.at(-1)?.id ?? '').exec();
    expect(last?.hash).toBe(log.events.at(-1)?.hash);
  });

  it('continues from what the database holds after a restart', async () => {
    const log = fakeLog();
    await log.append(5);
    await createAuditMirror(db, log).mirror();
    await log.append(1);
    log.calls.length = 0;
    expect(await createAuditMirror(db, log).mirror()).toBe(1);
    expect(log.calls).toEqual([0, 5]); // learn the device, then from the 5 it holds
  });

  it('runs again when asked during a run, so no event is left behind', async () => {
    const log = fakeLog();
    await log.append(2);
    const mirror = createAuditMirror(db, log);
    const first = mirror.mirror();
    await log.append(1);
    const second = mirror.mirror();
    await Promise.all([first, second]);
    expect(await db.audit.count().exec()).toBe(3);
  });

  it('stops and reports when main’s chain does not continue the copy', async () => {
    const log = fakeLog();
    await log.append(2);
    const problems: string[] = [];
    const mirror = createAuditMirror(db, { since: log.since, onProblem: (m) => problems.push(m) });
    await mirror.mirror();
    const forged = await appendEvent(
      { seq: 2, hash: 'f'.repeat(64) },
      {
        deviceId: 'dev-1',
        type: 'send.sent',
        at: 2,
        data: {},
      },
    );
    log.events.push(forged);
    expect(await mirror.mirror()).toBe(0);
    expect(problems[0]).toContain('prev-hash');
    expect(await db.audit.count().exec()).toBe(2);
  });

  it('passes a bridge failure to the caller', async () => {
    const mirror = createAuditMirror(db, { since: async () => err('transient', 'host gone') });
    await expect(mirror.mirror()).rejects.toThrow('host gone');
  });
});
