import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { MailboxHealthInfo, MailboxInfo } from '../../../shared/ipc/mailboxes';
import type { Result } from '../../../shared/ipc/result';
import type { SendDraft, SendOutcome } from '../../../shared/ipc/send';
import { createFairsendDatabase, type FairsendDatabase } from '../db/database';
import { createEnrollmentsRepo } from '../db/enrollments-repo';
import { createLeadsRepo } from '../db/leads-repo';
import { createMessagesRepo, type MessagesRepo } from '../db/messages-repo';
import { blankStep, createSequencesRepo } from '../db/sequences-repo';
import { windowLock } from '../scheduler/window-lock';
import type { EngineDay } from './plan-input';
import { createSequenceRunner } from './sequence-runner';

// The engine killed mid-tick again and again — before a send, after main delivered but before the answer came
// back, after the message was recorded but before the enrollment moved on — and started afresh over the same
// database each time. Counted at the stand-in's "server": every (enrollment, step) delivered exactly once.

const LEADS = 12;
const STEPS = 3;

let db: FairsendDatabase;
let clock = Date.UTC(2026, 11, 1, 9, 30); // Tuesday 09:30 UTC
let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

class Killed extends Error {}

beforeEach(async () => {
  db = await createFairsendDatabase(`runner-crash-${Date.now()}`, getRxStorageMemory());
});
afterEach(async () => {
  await db.close();
});

const MAILBOXES = ['mb1', 'mb2'].map((id) => ({ id, displayName: 'Rita Rep' }) as MailboxInfo);
const health = (id: string): MailboxHealthInfo => ({
  id,
  sentToday: 0,
  cap: { cap: 500, target: 500, ceiling: 500, rampingUp: false, reasons: [] },
  breaker: { state: 'ok', reasons: [], judged: false, rates: { bounce: 0, complaint: 0 } },
});

it('delivers each step of each lead exactly once however often the engine dies mid-tick', async () => {
  const leads = createLeadsRepo(db);
  const enrollments = createEnrollmentsRepo(db, () => clock);
  const sequences = createSequencesRepo(db, () => clock);
  const created = await sequences.create({
    name: 'Crash',
    mailboxIds: ['mb1', 'mb2'],
    steps: Array.from({ length: STEPS }, (_, i) => ({
      ...blankStep(i),
      delayBusinessDays: i ? 1 : 0,
      subject: 'Hello {{ first_name }}',
      body: '<p>Hi</p>',
    })),
  });
  const sequence = await sequences.setStatus(created.id, 'active');
  const ids: string[] = [];
  for (let i = 0; i < LEADS; i++) {
    const lead = await leads.create({
      email: `p${i}@prospect.test`,
      firstName: `P${i}`,
      lastName: '',
      company: '',
      title: '',
      timezone: '',
    });
    ids.push(lead.id);
  }
  await enrollments.enroll({ sequence, leadIds: ids });

  // main: a journal of keys, as its send journal is; deliveries counted at the "server"
  const journal = new Set<string>();
  const delivered = new Map<string, number>();
  let kills = 0;
  const kill = (odds: number) => {
    if (random() < odds) {
      kills++;
      throw new Killed('the engine died here');
    }
  };
  const send = async (key: string, _draft: SendDraft): Promise<Result<SendOutcome>> => {
    kill(0.1); // before anything left
    if (journal.has(key)) return { ok: true, value: { status: 'duplicate', state: 'sent' } };
    journal.add(key);
    delivered.set(key, (delivered.get(key) ?? 0) + 1);
    kill(0.25); // delivered, but the answer never came back
    const messageId = `<${key}@acme.test>`;
    return {
      ok: true,
      value: { status: 'sent', messageId, providerId: '250', gate: { verdict: 'ok', score: 0, reasons: [] } },
    };
  };
  const realMessages = createMessagesRepo(db);
  const messages: Pick<MessagesRepo, 'record' | 'bookSent' | 'byKeys'> = {
    byKeys: realMessages.byKeys,
    bookSent: realMessages.bookSent,
    async record(attempt) {
      const doc = await realMessages.record(attempt);
      kill(0.2); // recorded, but the enrollment did not move on
      return doc;
    },
  };
  let stored: EngineDay | null = null;
  const fresh = () =>
    createSequenceRunner({
      enrollments,
      sequences,
      leads,
      messages,
      send,
      mailboxes: async () => ({ list: MAILBOXES, health: MAILBOXES.map((m) => health(m.id)) }),
      company: async () => 'Acme',
      day: {
        load: async () => stored,
        save: async (d) => {
          stored = structuredClone(d);
        },
      },
      lock: windowLock(`crash-${Math.random()}`),
      now: () => clock,
      repTimeZone: 'UTC',
      jitterSeed: null,
    });

  let engine = fresh();
  for (let round = 0; round < 5_000; round++) {
    let nextAt: number | null = null;
    try {
      nextAt = (await engine.runOnce()).nextAt;
    } catch (error) {
      if (!(error instanceof Killed)) throw error;
      engine = fresh(); // a new window after the crash, over the same database
      continue;
    }
    // as the engine's own loop wakes: at the plan's next send, or when the next enrollment falls due
    const due = await enrollments.nextDueAt();
    const soonest = [nextAt, due !== null && due > clock ? due : null].filter((t): t is number => t !== null);
    if (!soonest.length) break;
    clock = Math.max(clock + 1_000, Math.min(...soonest));
  }

  expect(kills).toBeGreaterThan(10);
  expect(delivered.size).toBe(LEADS * STEPS);
  expect([...delivered.values()].every((n) => n === 1)).toBe(true);
  const left = await db.enrollments.find({ selector: { status: { $ne: 'finished' } } }).exec();
  expect(left.map((e) => e.toJSON())).toEqual([]);
});
