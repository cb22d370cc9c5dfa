import type { FairsendDatabase } from '../../db/database';

/** Leads read for their custom columns: an import gives every row of a file the same columns. */
const SAMPLE = 1000;

/** The custom CSV columns of the newest leads (the `rank` index), sorted. */
export async function customKeysOf(db: FairsendDatabase, sample = SAMPLE): Promise<string[]> {
  const docs = await db.leads.find({ sort: [{ rank: 'asc' }], limit: sample }).exec();
  const keys = new Set<string>();
  for (const doc of docs) for (const key of Object.keys(doc.custom ?? {})) keys.add(key);
  return [...keys].sort((a, b) => a.localeCompare(b));
}
