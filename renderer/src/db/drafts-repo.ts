import type { FairsendDatabase } from './database';
import type { DraftDoc } from './schemas/drafts';

/** What a draft holds: the mailbox it goes from, the subject and the text the rep typed. */
export interface DraftFields {
  mailboxId: string;
  subject: string;
  body: string;
}

/** Nothing typed: no subject and no text (the mailbox alone is not an email). */
export const isBlankDraft = (fields: Pick<DraftFields, 'subject' | 'body'>): boolean =>
  !fields.subject.trim() && !fields.body.trim();

const clip = (text: string, max: number) => text.slice(0, max);

/**
 * Removes the drafts of leads that are deleted or erased. `purge` drops the tombstones at once (an erasure:
 * a draft's text is about the person).
 */
export async function removeDraftsOf(
  db: FairsendDatabase,
  leadIds: readonly string[],
  purge = false,
): Promise<void> {
  if (leadIds.length) await db.drafts.bulkRemove([...leadIds]);
  if (purge) await db.drafts.cleanup(0);
}

/** A lead re-keyed by a new address keeps its draft. */
export async function moveDraft(db: FairsendDatabase, oldId: string, newId: string): Promise<void> {
  const doc = await db.drafts.findOne(oldId).exec();
  if (!doc) return;
  await db.drafts.upsert({ ...doc.toMutableJSON(), leadId: newId });
  await doc.remove();
  await db.drafts.cleanup(0); // the old key is an address
}

/**
 * The rep's unsent Compose emails, one per lead, kept on this desktop (never replicated). Compose saves the
 * draft as the rep types and on close, restores it when Compose opens for the lead again, and removes it once
 * the email is sent or the rep discards it.
 */
export function createDraftsRepo(db: FairsendDatabase, now: () => number = Date.now) {
  const drafts = db.drafts;
  return {
    async get(leadId: string): Promise<DraftDoc | null> {
      return (await drafts.findOne(leadId).exec())?.toMutableJSON() ?? null;
    },

    /** Calls `onChange` with the lead's draft now and after every change (null: none); returns how to stop. */
    watch(leadId: string, onChange: (draft: DraftDoc | null) => void): () => void {
      const sub = drafts.findOne(leadId).$.subscribe((doc) => onChange(doc?.toMutableJSON() ?? null));
      return () => sub.unsubscribe();
    },

    /** Keeps the lead's draft; a blank one is removed instead (there is nothing to keep). */
    async save(leadId: string, fields: DraftFields): Promise<DraftDoc | null> {
      if (isBlankDraft(fields)) {
        await removeDraftsOf(db, [leadId]);
        return null;
      }
      const doc: DraftDoc = {
        leadId,
        mailboxId: clip(fields.mailboxId, 64),
        subject: clip(fields.subject, 998),
        body: clip(fields.body, 100_000),
        updatedAt: now(),
      };
      await drafts.upsert(doc);
      return doc;
    },

    /**
     * Every draft, newest first, now and after each change (the Outbox's Drafts list); returns how to stop.
     * Sorted here: a rep keeps a handful of drafts, not enough to pay an index on every save.
     */
    watchAll(onChange: (drafts: DraftDoc[]) => void): () => void {
      const sub = drafts
        .find()
        .$.subscribe((docs) =>
          onChange(docs.map((d) => d.toMutableJSON()).sort((a, b) => b.updatedAt - a.updatedAt)),
        );
      return () => sub.unsubscribe();
    },

    async remove(leadId: string): Promise<void> {
      await removeDraftsOf(db, [leadId]);
    },
  };
}

export type DraftsRepo = ReturnType<typeof createDraftsRepo>;
