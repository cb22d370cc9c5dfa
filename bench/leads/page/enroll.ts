import type { FairsendDatabase } from '../../../renderer/src/db/database';
import { createEnrollmentsRepo } from '../../../renderer/src/db/enrollments-repo';
import { createLeadsRepo } from '../../../renderer/src/db/leads-repo';
import { blankStep, createSequencesRepo } from '../../../renderer/src/db/sequences-repo';
import { BATCH_SIZE } from '../../../renderer/src/workers/csv-import-protocol';
import { normalizeEmail } from '../../../shared/leads/email';
import { generateLeadRows } from '../../generate-leads';
import type { EnrollMeasure, IdbCounts, SeededForEnroll } from '../api';
import { watchLongTasks } from './long-tasks';

// Enrolling 10,000 leads (engine.enroll.10k_ms), driven by bench/engine/enroll-driver.mjs in a fresh profile.

const SENDER = { name: 'Rita Rep', first_name: 'Rita', company: 'Acme' };

/**
 * `count` generated leads through the leads repo, as the import stores them (untimed); then a list as it is after
 * a while: 1 in 1,000 suppressed, 1 in 100 already in another running sequence.
 */
export async function seedForEnroll(
  db: FairsendDatabase,
  count: number,
  seed: number,
): Promise<SeededForEnroll> {
  const started = performance.now();
  const leads = createLeadsRepo(db);
  const incoming = generateLeadRows(count, seed).map((r) => ({
    id: normalizeEmail(r.email) ?? r.email.toLowerCase(),
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    company: r.company,
    title: r.title,
    timezone: r.timezone,
    tags: [],
    custom: { city: r.city, industry: r.industry, phone: r.phone },
  }));
  for (let i = 0; i < incoming.length; i += BATCH_SIZE)
    await leads.importBatch(incoming.slice(i, i + BATCH_SIZE), 'skip', 'bench');
  const suppressed = incoming.filter((_, i) => i % 1000 === 7).map((l) => l.id);
  await leads.markSuppressed(new Map(suppressed.map((id) => [id, 'address' as const])));
  const running = await createSequencesRepo(db).create({
    name: 'Running',
    mailboxIds: ['mb1'],
    steps: [{ ...blankStep(0), subject: 'Hello', body: '<p>Hello</p>' }],
  });
  const elsewhere = incoming.filter((_, i) => i % 100 === 3).map((l) => l.id);
  await createEnrollmentsRepo(db).enroll({ sequence: running, leadIds: elsewhere });
  return {
    ms: performance.now() - started,
    leads: incoming.length,
    suppressed: suppressed.length,
    elsewhere: elsewhere.length,
  };
}

/** Enrolls the newest `count` leads in a fresh two-step, two-mailbox sequence, as the Add to sequence dialog does. */
export async function measureEnroll(db: FairsendDatabase, count: number): Promise<EnrollMeasure> {
  const sequence = await createSequencesRepo(db).create({
    name: 'Bench',
    mailboxIds: ['mb1', 'mb2'],
    steps: [
      { ...blankStep(0), subject: 'Hi {{ first_name | default: "there" }}', body: '<p>{{ company }}</p>' },
      { ...blankStep(1), delayBusinessDays: 2, body: '<p>Following up</p>', threadWithPrevious: true },
    ],
  });
  const leads = await db.leads.find({ sort: [{ rank: 'desc' }], index: ['rank'], limit: count }).exec();
  const leadIds = leads.map((d) => d.id);
  const enrollments = createEnrollmentsRepo(db);
  let progressCalls = 0;
  // the task that made the 10,000 documents above ends first: it is the bench's, not the enroll's
  await new Promise((resolve) => setTimeout(resolve, 0));
  const before = { ...idb };
  const started = performance.now();
  const { value, maxTaskMs, longTasks } = await watchLongTasks(() =>
    enrollments.enroll({ sequence, leadIds, sender: SENDER, onProgress: () => progressCalls++ }),
  );
  const ms = performance.now() - started;
  return {
    ms,
    enrolled: value.enrolled,
    skipped: Object.fromEntries(Object.entries(value.skipped).filter(([, k]) => k > 0)),
    maxTaskMs,
    longTasks,
    progressCalls,
    idb: {
      transactions: idb.transactions - before.transactions,
      readwrite: idb.readwrite - before.readwrite,
      reads: idb.reads - before.reads,
      writes: idb.writes - before.writes,
    },
  };
}

const idb: IdbCounts = { transactions: 0, readwrite: 0, reads: 0, writes: 0 };
let counting = false;

/**
 * Counts IndexedDB calls at the IndexedDB API itself (every storage layer above goes through it): transactions,
 * reads (get, getAll, getAllKeys, count, cursors opened) and writes (put, add, delete). Called before the
 * database opens (Dexie keeps hold of `transaction` when it opens one); the leads figures never call it.
 */
export function countIndexedDb(): void {
  if (counting) return;
  counting = true;
  const wrap = (proto: object, name: string, count: (args: unknown[]) => void) => {
    const target = proto as Record<string, (...args: unknown[]) => unknown>;
    const original = target[name]!;
    target[name] = function (this: unknown, ...args: unknown[]) {
      count(args);
      return original.apply(this, args);
    };
  };
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype])
    for (const name of ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor'])
      wrap(proto, name, () => idb.reads++);
  for (const name of ['put', 'add', 'delete']) wrap(IDBObjectStore.prototype, name, () => idb.writes++);
  wrap(IDBDatabase.prototype, 'transaction', (args) => {
    idb.transactions++;
    if (args[1] === 'readwrite') idb.readwrite++;
  });
}
