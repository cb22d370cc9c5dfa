import type { MangoQuery } from 'rxdb';
import { type EditPlan, type LiveEnrollment, planEdit } from '../../../shared/sequences/edit-plan';
import { assignMailboxes } from '../../../shared/sequences/rotation';
import type { RenderGap } from '../../../shared/sequences/templates/render-check';
import type { SenderFields } from '../../../shared/sequences/templates/scope';
// types only: the checks (Liquid, every template compiled) load with the first enrollment, not at start
import type { LeadEnrollments, SkipReason } from '../engine/enroll-check';
import type { FairsendDatabase } from './database';
import type { EnrollmentDoc, SequenceDoc } from './schemas/outreach';

/** Leads read, checked and written per chunk; the main thread gets a turn between chunks. */
export const ENROLL_CHUNK = 250;
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

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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

  /** Each lead's enrollments so far, for the chunk being enrolled (through the leadId index). */
  async function enrolledOf(sequenceId: string, leadIds: string[]) {
    const docs = await enrollments.find({ selector: { leadId: { $in: leadIds } } }).exec();
    const out = new Map<string, LeadEnrollments>();
    for (const doc of docs) {
      const seen = out.get(doc.leadId) ?? { live: false, inThisSequence: false };
      if ((LIVE_STATUSES as readonly string[]).includes(doc.status)) seen.live = true;
      if (doc.sequenceId === sequenceId) seen.inThisSequence = true;
      out.set(doc.leadId, seen);
    }
    return out;
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
      const unique = [...new Set(leadIds)];
      for (let i = 0; i < unique.length; i += ENROLL_CHUNK) {
        const chunk = unique.slice(i, i + ENROLL_CHUNK);
        const [found, enrolled] = await Promise.all([
          db.leads.findByIds(chunk).exec(),
          enrolledOf(sequence.id, chunk),
        ]);
        const found2 = new Map([...found].map(([id, doc]) => [id, doc.toMutableJSON()]));
        const judged = judgeLeads(chunk, found2, enrolled, templates, request.sender);
        for (const { reason } of judged.skipped) report.skipped[reason]++;
        mergeGaps(report.gaps, judged.gaps);
        const ids = judged.admitted.map((lead) => lead.id);
        const mailboxes = assignMailboxes(ids, sequence.mailboxIds, load);
        for (const mailboxId of mailboxes.values()) load.set(mailboxId, (load.get(mailboxId) ?? 0) + 1);
        const now = clock();
        const docs: EnrollmentDoc[] = judged.admitted.flatMap((lead) => {
          const mailboxId = mailboxes.get(lead.id);
          if (!mailboxId) return [];
          return [
            {
              id: enrollmentIdOf(sequence.id, lead.id),
              sequenceId: sequence.id,
              leadId: lead.id,
              mailboxId,
              step: 0,
              keyShift: 0,
              status: 'active',
              waitReason: '',
              variants: [],
              nextSendAt: now,
              enrolledAt: now,
              updatedAt: now,
            },
          ];
        });
        const { success, error } = await enrollments.bulkInsert(docs);
        report.enrolled += success.length;
        // a conflict is the same lead enrolled meanwhile (another window): it is in, once
        report.skipped['already-in-sequence'] += error.length;
        request.onProgress?.(Math.min(i + ENROLL_CHUNK, unique.length), unique.length);
        await turn();
      }
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

/** Where a parked enrollment's time sits: past any tick's horizon, yet a valid time. */
export const PARKED_AT = 9_999_999_999_999;

export type EnrollmentsRepo = ReturnType<typeof createEnrollmentsRepo>;
