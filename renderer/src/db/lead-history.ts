import type { FairsendDatabase } from './database';
import { moveDraft } from './drafts-repo';

/** Points a re-keyed lead's messages and enrollments at its new key (enrollment ids embed the lead id). */
export async function rekeyHistory(db: FairsendDatabase, oldId: string, newId: string): Promise<void> {
  const [messages, enrollments] = await Promise.all([
    db.messages.find({ selector: { leadId: oldId } }).exec(),
    db.enrollments.find({ selector: { leadId: oldId } }).exec(),
  ]);
  if (messages.length)
    await db.messages.bulkUpsert(
      messages.map((m) => {
        const doc = m.toMutableJSON();
        // a scheduled email goes to the corrected address, not the one it was written to
        return { ...doc, leadId: newId, ...(doc.draft ? { draft: { ...doc.draft, to: newId } } : {}) };
      }),
    );
  if (enrollments.length) {
    await db.enrollments.bulkInsert(
      enrollments.map((e) => ({ ...e.toMutableJSON(), id: `${e.sequenceId}|${newId}`, leadId: newId })),
    );
    await db.enrollments.bulkRemove(enrollments.map((e) => e.id));
    await Promise.all([db.enrollments.cleanup(0), db.messages.cleanup(0)]);
  }
  await moveDraft(db, oldId, newId);
}
