import type { FairsendDatabase } from '../db/database';
import type { EngineDay } from './plan-input';

/** The engine's day counters, kept beside the inbox's applied mark in the leads collection's local documents. */
const DAY_DOC = 'sequence-engine-day';

/** Where the engine keeps today's sends per sequence and each mailbox's last send; the forecast reads them too. */
export function engineDayStore(db: FairsendDatabase) {
  return {
    async load(): Promise<EngineDay | null> {
      const doc = await db.leads.getLocal<EngineDay>(DAY_DOC);
      return doc ? (doc.toJSON().data as EngineDay) : null;
    },
    async save(day: EngineDay): Promise<void> {
      await db.leads.upsertLocal<EngineDay>(DAY_DOC, day);
    },
  };
}
