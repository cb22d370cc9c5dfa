import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AuditEvent, appendEvent, verifyChain } from '../../../shared/audit/chain';
import { dispatch } from '../../../shared/ipc/dispatch';
import type { InboxEvent } from '../../../shared/ipc/inbox';
import { stubHandlers } from '../../../shared/ipc/testing/stub-handlers';
import type { CallBridge } from '../bridge/client';
import { createFairsendDatabase, type FairsendDatabase } from '../db/database';
import { fakeKey, fakeKeys } from '../db/testing/fake-keys';
import { BridgeRefusal } from '../ui/bridge-problem';
import { type Composition, composeApp } from './composition';

/**
 * A stand-in for main behind the real contract: every request goes through `dispatch`, so it is checked by
 * the same zod schemas main uses. It holds a suppression index, a real hash-chained audit log and inbox events.
 */
function standInMain() {
  const index = new Set<string>();
  let ready = false;
  const audit: AuditEvent[] = [];
  const inbox: InboxEvent[] = [];
  const calls: string[] = [];
  const handlers = stubHandlers({
    'suppression.keys': ({ kind, values }) => fakeKeys(kind, values),
    'suppression.apply': ({ add, remove, complete }) => {
      for (const key of add) index.add(key);
      for (const key of remove) index.delete(key);
      ready ||= complete;
      return { size: index.size, ready };
    },
    'audit.record': async ({ type, data }) => {
      const event = await appendEvent(audit.at(-1) ?? null, { deviceId: 'dev-1', type, at: 1, data });
      audit.push(event);
      return event;
    },
    'audit.since': ({ seq, limit }) => audit.filter((e) => e.seq > seq).slice(0, limit),
    'inbox.since': ({ seq, limit }) => inbox.filter((e) => e.seq > seq).slice(0, limit),
    'inbox.check': () => {
      inbox.push({
        seq: inbox.length + 1,
        type: 'optout',
        address: 'ann@example.test',
        mailboxId: 'mb1',
        at: 1,
      });
      return {
        mailboxes: 1,
        messages: 1,
        bounces: 0,
        complaints: 0,
        replies: 0,
        optOuts: 1,
        read: [{ mailboxId: 'mb1', address: 'rep@example.test', messages: 1 }],
        problems: [],
      };
    },
  });
  const call = ((channel, request) => {
    calls.push(channel);
    return dispatch(handlers, channel, request, { transport: 'ipc' });
  }) as CallBridge; // dispatch answers Result<unknown>; the contract types the value per channel
  return { index, audit, inbox, calls, call, isReady: () => ready };
}

/** Calls only the background jobs make (the audit mirror also runs after each audited change). */
const isBackground = (channel: string) => channel === 'suppression.apply' || channel === 'inbox.since';

let db: FairsendDatabase;
let main: ReturnType<typeof standInMain>;
let app: Composition;
let toasts: string[];
let dbCount = 0;

beforeEach(async () => {
  db = await createFairsendDatabase(`composition-${++dbCount}`, getRxStorageMemory());
  main = standInMain();
  toasts = [];
  app = composeApp({ db, call: main.call, notify: (_tone, text) => toasts.push(text) });
});
afterEach(async () => {
  await app.stop();
  await db.close();
});

const lead = (email: string) => ({
  email,
  firstName: 'Ann',
  lastName: 'Lee',
  company: 'Acme',
  title: '',
  timezone: '',
});

describe('the renderer composition root', () => {
  it('starts nothing until start(), then loads main’s suppression index', async () => {
    await app.services.suppression.add({ kind: 'address', value: 'old@example.test', reason: 'manual' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(main.calls.filter(isBackground)).toEqual([]);

    app.start();
    app.start(); // a second start does not start the jobs twice
    await vi.waitFor(() => expect(main.isReady()).toBe(true));
    expect([...main.index]).toEqual([await fakeKey('address', 'old@example.test')]);
    expect(main.calls.filter((c) => c === 'suppression.apply')).toHaveLength(1);
  });

  it('applies inbox events through the window’s one leads and suppression repos, so the UI’s counters stay exact', async () => {
    await app.services.leads.create(lead('ann@example.test'));
    app.start();
    const checked = await app.services.inbox.checkNow();
    expect(checked.ok).toBe(true);
    // The opt-out main found was applied before the check answered: suppressed, status set, counters kept.
    expect(await app.services.suppression.count()).toBe(1);
    expect((await app.services.leads.get('ann@example.test'))?.status).toBe('opted-out');
    expect((await app.services.leads.stats()).byStatus).toMatchObject({ 'opted-out': 1 });
    // …and the new entry reaches main's index as a delta.
    await vi.waitFor(async () =>
      expect(main.index.has(await fakeKey('address', 'ann@example.test'))).toBe(true),
    );
  });

  it('audits through main and mirrors the chain into the database', async () => {
    app.start();
    await app.services.audit.record('lead.erased', { keys: ['a'.repeat(64)], count: 1 });
    await app.services.audit.mirror();
    const copied = (await db.audit.find().exec()).map((d) => d.toJSON());
    expect(copied.map((e) => e.type)).toEqual(['lead.erased']);
    expect(await verifyChain(copied, null)).toBeNull();
    // main's contract refuses a plaintext address in audit data, and the caller hears of it in words
    const refused = await app.services.audit
      .record('lead.erased', { note: 'ann@example.test' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BridgeRefusal);
    expect(String(refused)).not.toMatch(/Invalid request|audit\.record/);
    expect((refused as BridgeRefusal).problem.details).toMatch(
      /^invalid-input: Invalid request for audit\.record/,
    );
  });

  it('stops every job: no call reaches main after stop()', async () => {
    app = composeApp({
      db,
      call: main.call,
      notify: () => {},
      timing: { auditMirrorMs: 5, inboxApplyMs: 5 },
    });
    app.start();
    await vi.waitFor(() => expect(main.calls.filter((c) => c === 'inbox.since').length).toBeGreaterThan(2));
    await app.stop();
    const seen = main.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(main.calls.length).toBe(seen); // the timers are cleared
    // a new entry no longer travels to main (recording it still audits and mirrors, on request)
    await app.services.suppression.add({ kind: 'address', value: 'late@example.test', reason: 'manual' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(main.calls.slice(seen)).not.toContain('suppression.apply');
  });
});
