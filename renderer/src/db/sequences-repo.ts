import { rankFor } from '../../../shared/leads/lead';
import type { FairsendDatabase } from './database';
import type { SequenceDoc } from './schemas/outreach';

export type SequenceStatus = SequenceDoc['status'];
export type SequenceStep = SequenceDoc['steps'][number];
export type SequenceVariant = SequenceStep['variants'][number];
export type SequenceSchedule = SequenceDoc['schedule'];

/** What the rep edits; the rest (id, status, rank, times) the repo keeps. */
export type SequenceFields = Pick<
  SequenceDoc,
  'name' | 'steps' | 'mailboxIds' | 'schedule' | 'dailyLimit' | 'stopCompanyOnReply'
>;

export const DEFAULT_SEQUENCE_SCHEDULE: SequenceSchedule = {
  sendDays: [1, 2, 3, 4, 5],
  startMinute: 9 * 60,
  endMinute: 17 * 60,
  holidaysCountry: '',
};

const NAME_MAX = 200;
const UNTITLED = 'Untitled sequence';

export const newId = (): string => crypto.randomUUID();

/** An empty email step: the first of a sequence starts a thread, later ones reply in it by default. */
export function blankStep(index: number, id: string = newId()): SequenceStep {
  return {
    id,
    delayBusinessDays: index === 0 ? 0 : 2,
    subject: '',
    body: '',
    text: '',
    threadWithPrevious: index > 0,
    variants: [],
  };
}

const cleanName = (name: string): string => name.trim().slice(0, NAME_MAX) || UNTITLED;

/** The copy's name: "Intro (copy)", then "Intro (copy 2)" and on, never the name of one that exists. */
export function copyName(name: string, taken: ReadonlySet<string>): string {
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '');
  for (let n = 1; ; n++) {
    const candidate = cleanName(`${base} (copy${n === 1 ? '' : ` ${n}`})`);
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The rep's sequences. The list is newest first by `rank` (the collection's one index); a rep keeps tens
 * of sequences, not thousands. The engine reads a sequence with `get` and follows changes with `watch`.
 * Every write stamps `updatedAt`; a duplicate starts as a draft with fresh step ids.
 */
export function createSequencesRepo(db: FairsendDatabase, now: () => number = Date.now) {
  const sequences = db.sequences;
  // newest first even for two made in one millisecond: each rank's time is past the last one's
  let lastRankAt = 0;
  const nextRank = (at: number) => {
    lastRankAt = Math.max(at, lastRankAt + 1);
    return rankFor(lastRankAt);
  };

  async function change(id: string, patch: (doc: SequenceDoc) => Partial<SequenceDoc>): Promise<SequenceDoc> {
    const doc = await sequences.findOne(id).exec();
    if (!doc) throw new Error(`No sequence ${id}`);
    const next = await doc.incrementalModify((data) => ({ ...data, ...patch(data), updatedAt: now() }));
    return next.toMutableJSON();
  }

  const allQuery = () => sequences.find({ sort: [{ rank: 'asc' }] });

  return {
    async create(fields: Partial<SequenceFields> = {}): Promise<SequenceDoc> {
      const at = now();
      const doc: SequenceDoc = {
        id: newId(),
        name: cleanName(fields.name ?? ''),
        status: 'draft',
        steps: fields.steps ?? [blankStep(0)],
        mailboxIds: fields.mailboxIds ?? [],
        schedule: fields.schedule ?? DEFAULT_SEQUENCE_SCHEDULE,
        dailyLimit: fields.dailyLimit ?? 0,
        stopCompanyOnReply: fields.stopCompanyOnReply ?? false,
        rank: nextRank(at),
        createdAt: at,
        updatedAt: at,
      };
      await sequences.insert(doc);
      return doc;
    },

    async get(id: string): Promise<SequenceDoc | null> {
      return (await sequences.findOne(id).exec())?.toMutableJSON() ?? null;
    },

    /** Every sequence, newest first (archived ones too: the screen decides what to show). */
    async list(): Promise<SequenceDoc[]> {
      return (await allQuery().exec()).map((d) => d.toMutableJSON());
    },

    /** Calls `onChange` with every sequence, newest first, now and after each change; returns how to stop. */
    watchAll(onChange: (sequences: SequenceDoc[]) => void): () => void {
      const sub = allQuery().$.subscribe((docs) => onChange(docs.map((d) => d.toMutableJSON())));
      return () => sub.unsubscribe();
    },

    /** Calls `onChange` with the sequence now and after each change (null: there is none); returns how to stop. */
    watch(id: string, onChange: (sequence: SequenceDoc | null) => void): () => void {
      const sub = sequences.findOne(id).$.subscribe((doc) => onChange(doc?.toMutableJSON() ?? null));
      return () => sub.unsubscribe();
    },

    /** Saves what the rep edited (any of the fields); status, rank and creation stay. */
    update(id: string, fields: Partial<SequenceFields>): Promise<SequenceDoc> {
      const { name, ...rest } = fields;
      return change(id, () => ({ ...rest, ...(name === undefined ? {} : { name: cleanName(name) }) }));
    },

    rename(id: string, name: string): Promise<SequenceDoc> {
      return change(id, () => ({ name: cleanName(name) }));
    },

    setStatus(id: string, status: SequenceStatus): Promise<SequenceDoc> {
      return change(id, () => ({ status }));
    },

    archive(id: string): Promise<SequenceDoc> {
      return change(id, () => ({ status: 'archived' }));
    },

    /** A draft copy with the same steps, schedule and mailboxes, listed first; no enrollments come along. */
    async duplicate(id: string): Promise<SequenceDoc> {
      const source = await sequences.findOne(id).exec();
      if (!source) throw new Error(`No sequence ${id}`);
      const from = source.toMutableJSON();
      const taken = new Set((await allQuery().exec()).map((d) => d.name));
      const at = now();
      const doc: SequenceDoc = {
        ...from,
        id: newId(),
        name: copyName(from.name, taken),
        status: 'draft',
        steps: from.steps.map((step) => ({
          ...step,
          id: newId(),
          variants: step.variants.map((v) => ({ ...v, id: newId() })),
        })),
        rank: nextRank(at),
        createdAt: at,
        updatedAt: at,
      };
      await sequences.insert(doc);
      return doc;
    },
  };
}

export type SequencesRepo = ReturnType<typeof createSequencesRepo>;
