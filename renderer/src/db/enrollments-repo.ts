import type { MangoQuery } from 'rxdb';
import { type EditPlan, type LiveEnrollment, planEdit } from '../../../shared/sequences/edit-plan';
import { assignMailboxes } from '../../../shared/sequences/rotation';
import type { RenderGap } from '../../../shared/sequences/templates/render-check';
import type { SenderFields } from '../../../shared/sequences/templates/scope';
// types only: the checks (Liquid, every template compiled) load with the first enrollment, not at start
import type { LeadEnrollments, SkipReason } from '../engine/enroll-check';
import type { FairsendDatabase } from './database';
import { idsWhereEqual } from './index-lookup';
import type { EnrollmentDoc, SequenceDoc } from './schemas/outreach';

/**
 * Leads read, checked and written per chunk, the leads taken in id order so each chunk is one span of the
 * leadId index: about 2 IndexedDB requests a lead (RxDB's own read and write of the new row), plus one read of
 * the chunk's span of enrollments (its leads' rows and any others' between them), or, when that span holds
 * more than SPAN_READ_MAX rows, a key lookup per lead; the lead itself comes from RxDB's cache when the list
 * just read it. The page gets a turn between a chunk's steps, so each task stays short, and the next chunk's
 * reads and checks overlap this chunk's write.
 */
export const ENROLL_CHUNK = 250;
/**
 * Rows one read of a chunk's span may bring (whole rows, in one cursor) before a lookup per lead is cheaper:
 * a request costs as much as reading some tens of rows in one.
 */
export const SPAN_READ_MAX = 2_000;
/** Due enrollments the engine reads per run. */
export const DUE_LIMIT = 2_000;

export const LIVE_STATUSES = ['active', 'paused', 'held'] as const;

export interface EnrollRequest {
  sequence: Pick<SequenceDoc, 'id' | 'steps' | 'mailboxIds'>;
  leadIds: readonly string[];
  /** the rep's own fields the templates may name */
  sender?: SenderFields;
  onProgress?(done: number, total: number): void;
}

export interface EnrollReport {
  enrolled: number;
  skipped: Record<SkipReason, number>;
  /** what the templates miss, by template and variable, with the leads that miss it */
  gaps: RenderGap[];
}

/** The enrollments whose leadId lies from `first` to `last`, through ['leadId'], at most `limit`. */
export function spanQuery(first: string, last: string, limit: number): MangoQuery<EnrollmentDoc> {
  return {
    selector: { leadId: { $gte: first, $lte: last } },
    index: ['leadId'],
    sort: [{ leadId: 'asc' }],
    limit,
  };
}

/** Enrollments of a status due before `before`, soonest first, through ['status', 'nextSendAt']. */
export function dueQuery(
  status: EnrollmentDoc['status'],
  before: number,
  limit: number,
): MangoQuery<EnrollmentDoc> {
  return {
    selector: { status, nextSendAt: { $lt: before } },
    index: ['status', 'nextSendAt'],
    sort: [{ status: 'asc' }, { nextSendAt: 'asc' }],
    limit,
  };
}

/** A turn for the page: Chromium's `scheduler.yield()` (this work resumes ahead of other timers), else a timer. */
const turn = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

/** What changes when an enrollment moves on; the repo stamps `updatedAt`. */
export type EnrollmentPatch = Partial<
  Pick<EnrollmentDoc, 'step' | 'status' | 'stopReason' | 'waitReason' | 'variants' | 'nextSendAt'>
>;

/**
 * Enrollments: who is in which sequence, at which step, due when. The engine reads due ones through
 * ['status', 'nextSendAt'] straight from storage (another window may have moved them), never by a scan.
 */
export function createEnrollmentsRepo(db: FairsendDatabase, clock: () => number = Date.now) {
  const enrollments = db.enrollments;

  async function fromStorage(query: MangoQuery<EnrollmentDoc>): Promise<EnrollmentDoc[]> {
    const prepared = enrollments.find(query).getPreparedQuery();
    const { documents } = await enrollments.storageInstance.query(prepared);
    return documents as unknown as EnrollmentDoc[];
  }

  const byDue = (status: EnrollmentDoc['status'], before: number, limit: number) =>
    fromStorage(dueQuery(status, before, limit));

  /**
   * The chunk's leads' enrollments as stored. The chunk's ids are sorted, and every row this enroll wrote is
   * a lead of an earlier chunk, so outside the span: reading the span whole is exact and, while it is small,
   * costs a request or a few instead of one a lead. A span too full falls back to a key lookup per lead.
   */
  async function enrollmentsOfLeads(leadIds: readonly string[]): Promise<EnrollmentDoc[]> {
    if (!leadIds.length) return [];
    const span = await fromStorage(spanQuery(leadIds[0]!, leadIds.at(-1)!, SPAN_READ_MAX + 1));
    if (span.length <= SPAN_READ_MAX) {
      const wanted = new Set(leadIds);
      return span.filter((doc) => wanted.has(doc.leadId));
    }
    const ids = await idsWhereEqual(enrollments, 'leadId', leadIds);
    // not on Dexie (the in-memory storage of tests): RxDB's own query gives the same rows
    if (ids === undefined)
      return (await enrollments.find({ selector: { leadId: { $in: [...leadIds] } } }).exec()).map((d) =>
        d.toMutableJSON(),
      );
    if (!ids.length) return [];
    return (await enrollments.storageInstance.findDocumentsById(ids, false)) as unknown as EnrollmentDoc[];
  }

  /** Each lead's enrollments so far, for the chunk being enrolled (sorted ids; through the leadId index). */
  async function enrolledOf(sequenceId: string, leadIds: string[]) {
    const docs = await enrollmentsOfLeads(leadIds);
    const out = new Map<string, LeadEnrollments>();
    for (const doc of docs) {
      const seen = out.get(doc.leadId) ?? { live: false, inThisSequence: false };
      if ((LIVE_STATUSES as readonly string[]).includes(doc.status)) seen.live = true;
      if (doc.sequenceId === sequenceId) seen.inThisSequence = true;
      out.set(doc.leadId, seen);
    }
    return out;
  }

  /** One chunk's leads (from RxDB's cache when the list just read them) and what each already has in sequences. */
  async function readChunk(sequenceId: string, chunk: string[]) {
    const [leads, enrolled] = await Promise.all([
      db.leads.findByIds(chunk).exec(),
      enrolledOf(sequenceId, chunk),
    ]);
    const found = new Map([...leads].map(([id, doc]) => [id, doc.toMutableJSON()]));
    return { found, enrolled };
  }

  /**
   * Inserts a chunk's enrollments in two writes with a turn between: RxDB issues a write's puts in one task, so
   * half a chunk keeps that task short. Answers how many were refused (only counts are needed: asking a result
   * for `success` would build an RxDocument for every row written).
   */
  async function writeHalves(docs: EnrollmentDoc[]): Promise<number> {
    const half = Math.ceil(docs.length / 2);
    const first = await enrollments.bulkInsert(docs.slice(0, half));
    await turn();
    const second = await enrollments.bulkInsert(docs.slice(half));
    return first.error.length + second.error.length;
  }

  /** Active enrollments per mailbox of the rotation, so new leads even out the spread. */
  async function loadOf(sequenceId: string, mailboxIds: readonly string[]) {
    const load = new Map<string, number>();
    for (const mailboxId of new Set(mailboxIds)) {
      const n = await enrollments
        .count({ selector: { sequenceId, status: { $in: [...LIVE_STATUSES] }, mailboxId } })
        .exec();
      load.set(mailboxId, n);
    }
    return load;
  }

  async function patch(id: string, fields: EnrollmentPatch): Promise<void> {
    await enrollments.findOne(id).incrementalPatch({ ...fields, updatedAt: clock() });
  }

  return {
    /**
     * Enrolls the leads, a chunk at a time with a turn for the UI between chunks; each lead skipped is
     * counted with its reason. Each lead gets its mailbox from the rotation now and keeps it for every step.
     */
    async enroll(request: EnrollRequest): Promise<EnrollReport> {
      const { sequence, leadIds } = request;
      const { enrollmentIdOf, judgeLeads, SKIP_REASONS, sequenceTemplates } = await import(
        '../engine/enroll-check'
      );
      const report: EnrollReport = {
        enrolled: 0,
        skipped: Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>,
        gaps: [],
      };
      const templates = sequenceTemplates(sequence);
      const load = new Map(await loadOf(sequence.id, sequence.mailboxIds));
      // in id order: each chunk is then one span of the leadId index that no earlier chunk's rows fall in
      const unique = [...new Set(leadIds)].sort();
      const chunks: string[][] = [];
      for (let i = 0; i < unique.length; i += ENROLL_CHUNK) chunks.push(unique.slice(i, i + ENROLL_CHUNK));
      let done = 0;
      // the last chunk's write, still in flight while the next chunk is checked
      let pending: { writing: Promise<number>; written: number; size: number } | undefined;
      const settle = async () => {
        if (!pending) return;
        const { writing, written, size } = pending;
        pending = undefined;
        const failed = await writing;
        report.enrolled += written - failed;
        // a conflict is the same lead enrolled meanwhile (another window): it is in, once
        report.skipped['already-in-sequence'] += failed;
        done += size;
        request.onProgress?.(done, unique.length);
      };
      let reading = readChunk(sequence.id, chunks[0] ?? []);
      for (let c = 0; c < chunks.length; c++) {
        const chunk = chunks[c]!;
        const { found, enrolled } = await reading;
        await turn(); // the checks in a task of their own, apart from the last read's or write's results
        const judged = judgeLeads(chunk, found, enrolled, templates, request.sender);
        for (const { reason } of judged.skipped) report.skipped[reason]++;
        mergeGaps(report.gaps, judged.gaps);
        const mailboxes = assignMailboxes(
          judged.admitted.map((lead) => lead.id),
          sequence.mailboxIds,
          load,
        );
        for (const mailboxId of mailboxes.values()) load.set(mailboxId, (load.get(mailboxId) ?? 0) + 1);
        const docs = newEnrollments(sequence.id, mailboxes, clock(), enrollmentIdOf);
        await settle(); // one write at a time: the last chunk's, written while these checks ran
        await turn();
        // the next chunk's reads go before this write, so IndexedDB does not hold them behind it (a read waits
        // for a write begun before it); its leads are others, so nothing written here is theirs
        if (c + 1 < chunks.length) {
          reading = readChunk(sequence.id, chunks[c + 1]!);
          reading.catch(() => undefined); // awaited on the next turn of the loop; a failure surfaces there
          await turn();
        }
        const writing = writeHalves(docs);
        writing.catch(() => undefined); // awaited by `settle`; a failure surfaces there
        pending = { writing, written: docs.length, size: chunk.length };
      }
      await settle();
      return report;
    },

    /** Active enrollments due before `before`, soonest first. */
    due: (before: number, limit = DUE_LIMIT) => byDue('active', before, limit),

    /** Held enrollments (a send of unknown fate) whose journal is due to be asked again. */
    heldDue: (before: number, limit = 50) => byDue('held', before, limit),

    /** When the soonest active or held enrollment is due; null when none is. */
    async nextDueAt(): Promise<number | null> {
      const firsts = await Promise.all(
        (['active', 'held'] as const).map((status) => byDue(status, Number.MAX_SAFE_INTEGER, 1)),
      );
      const times = firsts.flat().map((e) => e.nextSendAt);
      return times.length ? Math.min(...times) : null;
    },

    /** The enrollment as stored right now, past this window's caches. */
    async fresh(id: string): Promise<EnrollmentDoc | null> {
      const [found] = await enrollments.storageInstance.findDocumentsById([id], false);
      return found ? (found as unknown as EnrollmentDoc) : null;
    },

    patch,

    /** Many enrollments waiting at once (the planner's waits): written in chunks. */
    async waitMany(waits: readonly { id: string; until: number | null; reason: string }[]): Promise<void> {
      const now = clock();
      for (let i = 0; i < waits.length; i += ENROLL_CHUNK) {
        const chunk = waits.slice(i, i + ENROLL_CHUNK);
        const found = await enrollments.findByIds(chunk.map((w) => w.id)).exec();
        const docs = chunk.flatMap((w) => {
          const doc = found.get(w.id)?.toMutableJSON();
          if (doc?.status !== 'active') return [];
          // `until: null` parks it: only a change by the rep (a mailbox back, a schedule) brings it back
          const nextSendAt = w.until ?? PARKED_AT;
          if (doc.nextSendAt === nextSendAt && doc.waitReason === w.reason) return [];
          return [{ ...doc, nextSendAt, waitReason: w.reason.slice(0, 32), updatedAt: now }];
        });
        if (docs.length) await enrollments.bulkUpsert(docs);
      }
    },

    /**
     * A sequence launched or resumed: its active enrollments parked for that reason (or any other that only a
     * change by the rep cures) are due now, instead of at the next hourly look (through ['sequenceId', 'status']).
     */
    async wakeSequence(sequenceId: string): Promise<number> {
      const now = clock();
      const parked = await enrollments
        .find({
          selector: { sequenceId, status: 'active', waitReason: { $in: [...PARKED_REASONS] } },
          index: ['sequenceId', 'status'],
        })
        .exec();
      for (let i = 0; i < parked.length; i += ENROLL_CHUNK)
        await enrollments.bulkUpsert(
          parked
            .slice(i, i + ENROLL_CHUNK)
            .map((d) => ({ ...d.toMutableJSON(), nextSendAt: now, waitReason: '', updatedAt: now })),
        );
      return parked.length;
    },

    /**
     * A mailbox back to sending (the rep's Resume, the breaker's, a reconnect): the active enrollments of these
     * sequences that wait for that mailbox are due now, instead of at the planner's next look at it.
     */
    async wakeMailbox(mailboxId: string, sequenceIds: readonly string[]): Promise<number> {
      const now = clock();
      let woken = 0;
      for (const sequenceId of sequenceIds) {
        const waiting = await enrollments
          .find({
            selector: { sequenceId, status: 'active', mailboxId, waitReason: { $in: [...MAILBOX_WAITS] } },
            index: ['sequenceId', 'status'],
          })
          .exec();
        for (let i = 0; i < waiting.length; i += ENROLL_CHUNK)
          await enrollments.bulkUpsert(
            waiting
              .slice(i, i + ENROLL_CHUNK)
              .map((d) => ({ ...d.toMutableJSON(), nextSendAt: now, waitReason: '', updatedAt: now })),
          );
        woken += waiting.length;
      }
      return woken;
    },

    /**
     * What editing a running sequence's steps does to its live enrollments (through ['sequenceId', 'status']),
     * mapped by step id: the confirm panel shows it before saving, and `applyEdit` writes it.
     */
    async planEdit(
      sequenceId: string,
      oldIds: readonly string[],
      newIds: readonly string[],
    ): Promise<EditPlan> {
      const live = await enrollments
        .find({
          selector: { sequenceId, status: { $in: [...LIVE_STATUSES] } },
          index: ['sequenceId', 'status'],
        })
        .exec();
      const rows: LiveEnrollment[] = live.map((d) => ({
        id: d.id,
        step: d.step,
        status: d.status as LiveEnrollment['status'],
        keyShift: d.keyShift ?? 0,
      }));
      return planEdit(oldIds, newIds, rows);
    },

    /** Writes an edit's moves (changed rows only, in chunks). */
    async applyEdit(plan: EditPlan): Promise<number> {
      const now = clock();
      const changed = plan.moves.filter((m) => m.changed);
      for (let i = 0; i < changed.length; i += ENROLL_CHUNK) {
        const chunk = changed.slice(i, i + ENROLL_CHUNK);
        const found = await enrollments.findByIds(chunk.map((m) => m.id)).exec();
        const docs = chunk.flatMap((m): EnrollmentDoc[] => {
          const doc = found.get(m.id)?.toMutableJSON();
          // one the engine moved on meanwhile is left as it is: the engine's step wins over a stale plan
          if (!doc || doc.step !== m.from || !(LIVE_STATUSES as readonly string[]).includes(doc.status))
            return [];
          if (m.to === null) return [{ ...doc, status: 'finished' as const, waitReason: '', updatedAt: now }];
          // its due time stays: the wait after the step it had holds for whichever step comes next
          return [{ ...doc, step: m.to, keyShift: m.keyShift, status: m.status, updatedAt: now }];
        });
        if (docs.length) await enrollments.bulkUpsert(docs);
      }
      return changed.length;
    },

    /** A lead's enrollments, for its timeline. */
    async forLead(leadId: string): Promise<EnrollmentDoc[]> {
      const docs = await enrollments.find({ selector: { leadId } }).exec();
      return docs.map((d) => d.toMutableJSON()).sort((a, b) => a.enrolledAt - b.enrolledAt);
    },

    /** Calls `listener` after any change to enrollments. */
    onChange(listener: () => void): () => void {
      const subscription = enrollments.$.subscribe(() => listener());
      return () => subscription.unsubscribe();
    },
  };
}

/** The enrollments of a chunk's admitted leads, each with its mailbox of the rotation, due now. */
function newEnrollments(
  sequenceId: string,
  mailboxes: ReadonlyMap<string, string>,
  now: number,
  idOf: (sequenceId: string, leadId: string) => string,
): EnrollmentDoc[] {
  return [...mailboxes].map(([leadId, mailboxId]) => ({
    id: idOf(sequenceId, leadId),
    sequenceId,
    leadId,
    mailboxId,
    step: 0,
    keyShift: 0,
    status: 'active',
    waitReason: '',
    variants: [],
    nextSendAt: now,
    enrolledAt: now,
    updatedAt: now,
  }));
}

/** Adds one chunk's template gaps to the report's, the same template and variable counted together. */
function mergeGaps(into: RenderGap[], more: readonly RenderGap[]): void {
  for (const gap of more) {
    const same = into.find((g) => g.template === gap.template && g.variable === gap.variable);
    if (same) same.leadIds.push(...gap.leadIds);
    else into.push({ ...gap, leadIds: [...gap.leadIds] });
  }
}

/** Waits only the rep ends (the planner's `until: null`): looked at hourly, and at once on a launch or resume. */
export const PARKED_REASONS = ['sequence-paused', 'mailbox-gone', 'no-send-days'] as const;
/** The waits a mailbox coming back ends (the planner's names for a paused, broken or disconnected mailbox). */
export const MAILBOX_WAITS = ['mailbox-paused', 'mailbox-breaker', 'mailbox-disconnected'] as const;

/** Where a parked enrollment's time sits: past any tick's horizon, yet a valid time. */
export const PARKED_AT = 9_999_999_999_999;

export type EnrollmentsRepo = ReturnType<typeof createEnrollmentsRepo>;
