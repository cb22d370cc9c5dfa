import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBCleanupPlugin } from 'rxdb/plugins/cleanup';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import {
  enrollmentsV1,
  enrollmentsV2,
  leadsV1,
  leadsV2,
  messagesV1,
  messagesV2,
  messagesV3,
  sequencesV1,
  suppressionV1,
} from './migrations';
import {
  type AuditDoc,
  auditSchema,
  type MailboxDoc,
  mailboxSchema,
  type SuppressionDoc,
  suppressionSchema,
  type TeamDoc,
  teamSchema,
} from './schemas/compliance';
import { type DraftDoc, draftSchema } from './schemas/drafts';
import { type LeadDoc, type LeadTagDoc, leadSchema, leadTagSchema } from './schemas/leads';
import {
  type EnrollmentDoc,
  enrollmentSchema,
  type MessageDoc,
  messageSchema,
  type SequenceDoc,
  sequenceSchema,
} from './schemas/outreach';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBCleanupPlugin);

export interface FairsendCollections {
  leads: RxCollection<LeadDoc>;
  lead_tags: RxCollection<LeadTagDoc>;
  sequences: RxCollection<SequenceDoc>;
  enrollments: RxCollection<EnrollmentDoc>;
  messages: RxCollection<MessageDoc>;
  suppression: RxCollection<SuppressionDoc>;
  audit: RxCollection<AuditDoc>;
  mailboxes: RxCollection<MailboxDoc>;
  team: RxCollection<TeamDoc>;
  drafts: RxCollection<DraftDoc>;
}

export type FairsendDatabase = RxDatabase<FairsendCollections>;

/**
 * Every collection with its schema and migrations. A schema change bumps `version` and adds
 * `migrationStrategies[version]`, with a test that migrates a document of the previous version.
 */
export const COLLECTIONS = {
  leads: { schema: leadSchema, migrationStrategies: { 1: leadsV1, 2: leadsV2 }, localDocuments: true },
  lead_tags: { schema: leadTagSchema, migrationStrategies: {} },
  sequences: { schema: sequenceSchema, migrationStrategies: { 1: sequencesV1 } },
  enrollments: { schema: enrollmentSchema, migrationStrategies: { 1: enrollmentsV1, 2: enrollmentsV2 } },
  messages: { schema: messageSchema, migrationStrategies: { 1: messagesV1, 2: messagesV2, 3: messagesV3 } },
  suppression: { schema: suppressionSchema, migrationStrategies: { 1: suppressionV1 } },
  audit: { schema: auditSchema, migrationStrategies: {} },
  mailboxes: { schema: mailboxSchema, migrationStrategies: {} },
  team: { schema: teamSchema, migrationStrategies: {} },
  // the 10th collection of RxDB's 13 per process (docs/decisions.md, "Drafts")
  drafts: { schema: draftSchema, migrationStrategies: {} },
} satisfies Record<
  keyof FairsendCollections,
  { schema: object; migrationStrategies: object; localDocuments?: boolean }
>;

export async function createFairsendDatabase(name: string, storage: RxStorage<unknown, unknown>) {
  const db = await createRxDatabase<FairsendCollections>({
    name,
    storage,
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
    // counts under a combined filter walk the most selective index; single filters use native counts
    allowSlowCount: true,
  });
  await db.addCollections(COLLECTIONS);
  return db;
}
