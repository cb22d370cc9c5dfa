import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/ipc/result';
import type { SendDraft, SendOutcome } from '../../../shared/ipc/send';
import { dueQuery } from '../../../shared/outbox/scheduled-sends';
import {
  blockedOutcome,
  CAP_REACHED as cap,
  SUPPRESSED,
  sentOutcome as sent,
} from '../../../shared/outbox/testing/outcomes';
import { createFairsendDatabase, type FairsendDatabase } from '../db/database';
import { createLeadsRepo } from '../db/leads-repo';
import { createMessagesRepo } from '../db/messages-repo';
import { createScheduledMessages } from '../db/scheduled-messages';
import { createScheduledSender, type ScheduledSenderDeps } from './scheduled-sender';
import { windowLock } from './window-lock';

// The scheduler over a real (in-memory) RxDB; `send` stands in for the bridge to main and keeps its own
// journal of keys, as main's does: a key that went out once is a duplicate after.

const NOW = Date.UTC(2026, 10, 25, 14, 0);
const HOUR = 3_600_000;

let db: FairsendDatabase;
let dbCount = 0;
let clock = NOW;
let calls: string[];
let answer: (key: string) => SendOutcome;
const recorded: { type: string; data: object }[] = [];

function mainStandIn() {
  const sentKeys = new Set<string>();
  return async (key: string, _draft: SendDraft): Promise<Result<SendOutcome>> => {
    calls.push(key);
    if (sentKeys.has(key)) return { ok: true, value: { status: 'duplicate', state: 'sent' } };
    const value = answer(key);
    if (value.status === 'sent') sentKeys.add(key);
    return { ok: true, value };
  };
}

function senderOn(database: FairsendDatabase, send: ScheduledSenderDeps['send'], lock = windowLock('t')) {
  return createScheduledSender({
    store: createScheduledMessages(database, () => clock),
    messages: createMessagesRepo(database),
    leads: createLeadsRepo(database),
    audit: {
      record: async (type, data) => void recorded.push({ type, data }),
      mirror: async () => {},
    },
    send,
    lock,
    now: () => clock,
  });
}

const draft = (subject: string): SendDraft => ({
  mailboxId: 'mb1',
  to: 'ana@prospect.test',
  subject,
  html: '<p>Hi</p>',
  text: 'Hi',
  isFirstTouch: true,
  kind: 'one-off',
});

beforeEach(async () => {
  db = await createFairsendDatabase(`scheduled-test-${++dbCount}`, getRxStorageMemory());
  clock = NOW;
  calls = [];
  answer = sent;
  recorded.length = 0;
});
afterEach(async () => {
  await db.close();
});

describe('due scheduled messages', () => {
  it('are read through the [status, scheduledAt] index, soonest first, only when due', async () => {
    const store = createScheduledMessages(db, () => clock);
    for (const [key, at] of [
      ['late', NOW + 2 * HOUR],
      ['b', NOW - HOUR],
      ['a', NOW - 2 * HOUR],
    ] as const) {
      await store.schedule({ key, leadId: 'ana@prospect.test', draft: draft(key), at, reasons: [cap] });
    }
    await createMessagesRepo(db).record({
      key: 'old',
      leadId: 'ana@prospect.test',
      mailboxId: 'mb1',
      subject: 'sent before',
      outcome: sent(),
    });
    expect((await store.due(NOW)).map((d) => d.id)).toEqual(['a', 'b']);
    expect(await store.nextDueAt()).toBe(NOW - 2 * HOUR);
    const plan = db.messages.find(dueQuery(NOW)).getPreparedQuery().queryPlan;
    expect(plan.index).toEqual(['_deleted', 'status', 'scheduledAt', 'id']);
    expect(plan.sortSatisfiedByIndex).toBe(true);
  });
});

describe('the scheduled sender', () => {
  it('sends a due message once under its key, books it sent and drops its draft', async () => {
    const store = createScheduledMessages(db, () => clock);
    const sender = senderOn(db, mainStandIn());
    await sender.schedule({
      key: 'k1',
      leadId: 'ana@prospect.test',
      draft: draft('Hello'),
      at: NOW + HOUR,
      reasons: [cap],
    });
    expect(recorded[0]).toMatchObject({ type: 'outbox.scheduled', data: { key: 'k1', sendAt: NOW + HOUR } });

    await sender.runDue();
    expect(calls).toEqual([]); // not due yet

    clock = NOW + HOUR;
    await sender.runDue();
    await sender.runDue();
    expect(calls).toEqual(['k1']);
    const doc = await store.fresh('k1');
    expect(doc?.status).toBe('sent');
    expect(doc?.draft).toBeUndefined();
  });

  it('in two windows at once, asks main only once', async () => {
    const send = mainStandIn();
    const lock = windowLock('shared');
    const [a, b] = [senderOn(db, send, lock), senderOn(db, send, lock)];
    await a.schedule({ key: 'k2', leadId: 'ana@prospect.test', draft: draft('Hi'), at: NOW, reasons: [cap] });
    await Promise.all([a.runDue(), b.runDue()]);
    expect(calls).toEqual(['k2']);
  });

  it('held again by the cap: stays scheduled, for the gate’s new time', async () => {
    answer = () => blockedOutcome([cap], NOW + 24 * HOUR);
    const store = createScheduledMessages(db, () => clock);
    const sender = senderOn(db, mainStandIn());
    await sender.schedule({
      key: 'k3',
      leadId: 'ana@prospect.test',
      draft: draft('Hi'),
      at: NOW,
      reasons: [cap],
    });
    await sender.runDue();
    const doc = await store.fresh('k3');
    expect(doc).toMatchObject({ status: 'scheduled', scheduledAt: NOW + 24 * HOUR });
    expect(doc?.draft?.html).toBe('<p>Hi</p>');
  });

  it('blocked by something else: booked blocked with its reasons', async () => {
    answer = () => blockedOutcome([SUPPRESSED]);
    const store = createScheduledMessages(db, () => clock);
    const sender = senderOn(db, mainStandIn());
    await sender.schedule({
      key: 'k4',
      leadId: 'ana@prospect.test',
      draft: draft('Hi'),
      at: NOW,
      reasons: [cap],
    });
    expect(await sender.sendNow('k4')).toMatchObject({ next: 'stopped' });
    const doc = await store.fresh('k4');
    expect(doc).toMatchObject({ status: 'blocked', reasons: [{ code: 'suppressed-address' }] });
    expect(doc?.draft).toBeUndefined();
  });

  it('cancelled: gone, audited, and never sent', async () => {
    const sender = senderOn(db, mainStandIn());
    await sender.schedule({
      key: 'k5',
      leadId: 'ana@prospect.test',
      draft: draft('Hi'),
      at: NOW,
      reasons: [cap],
    });
    expect(await sender.cancel('k5')).toBe(true);
    expect(await sender.cancel('k5')).toBe(false);
    await sender.runDue();
    expect(await sender.sendNow('k5')).toEqual({ next: 'gone' });
    expect(calls).toEqual([]);
    expect(recorded.map((r) => r.type)).toEqual(['outbox.scheduled', 'outbox.cancelled']);
  });

  it('goes to a lead’s corrected address, and marks a new lead contacted once sent', async () => {
    const leads = createLeadsRepo(db);
    const fields = { firstName: 'Ana', lastName: '', company: '', title: '', timezone: '' };
    await leads.create({ email: 'ana@prospect.test', ...fields });
    const sender = senderOn(db, mainStandIn());
    await sender.schedule({
      key: 'k6',
      leadId: 'ana@prospect.test',
      draft: draft('Hi'),
      at: NOW,
      reasons: [cap],
    });
    await leads.update('ana@prospect.test', { email: 'ana.b@prospect.test' });
    const sentTo: string[] = [];
    const send = mainStandIn();
    const watching = senderOn(db, async (key, d) => {
      sentTo.push(d.to);
      return send(key, d);
    });
    await watching.runDue();
    expect(sentTo).toEqual(['ana.b@prospect.test']);
    expect((await leads.get('ana.b@prospect.test'))?.status).toBe('contacted');
  });
});
