import { z } from 'zod';
import { GENESIS_HASH } from '../audit/chain';

/**
 * The replication contract between the desktop's RxDB collections (`replicateRxCollection`) and the team server,
 * for `suppression`, `audit` and `team`. Pure: zod shapes, paths, limits and the checkpoint order, used by the
 * server's routes and by the desktop's pull/push handlers alike.
 *
 * - The checkpoint is the server's stamp plus the id: `{ order, id }`, `order` a bigint as decimal text. The server
 *   stamps `order` inside the writing transaction, writers of one team and collection take turns, so a pull
 *   "after (order, id)" never passes a row that commits late. The client never makes a checkpoint itself: it
 *   keeps the one the server answered with (no document field, no client clock goes into it).
 * - Documents travel as RxDB has them, with `_deleted` (a tombstone); nothing the server adds (its order, who
 *   pushed) is part of a document, so what a desktop pushed is exactly the master state it will pull back.
 * - Push answers the master state of every row whose `assumedMasterState` was not the server's (RxDB's conflict
 *   answer); an empty array means every row was taken.
 */

export const REPLICATED_COLLECTIONS = ['suppression', 'audit', 'team'] as const;
export type ReplicatedCollection = (typeof REPLICATED_COLLECTIONS)[number];

/**
 * The wire version of each collection's documents = the desktop's RxDB schema version of that collection. The
 * server serves `min` to `current`; an older desktop gets 426, a newer one 400 (the server needs updating).
 */
export const SCHEMA_VERSIONS: Record<ReplicatedCollection, { min: number; current: number }> = {
  suppression: { min: 1, current: 1 },
  audit: { min: 0, current: 0 },
  team: { min: 0, current: 0 },
};

export type SyncEndpoint = 'pull' | 'push' | 'stream';

/** `/v1/sync/suppression/s1/pull` */
export function syncPath(
  collection: ReplicatedCollection,
  endpoint: SyncEndpoint,
  version = SCHEMA_VERSIONS[collection].current,
): string {
  return `/v1/sync/${collection}/s${version}/${endpoint}`;
}

export const LIMITS = {
  /** rows a push may carry; the desktop's pushBatchSize stays at or under it */
  maxPushRows: 1000,
  /** documents a pull answers at most (its `limit` defaults to this) */
  maxPullRows: 1000,
  /** bytes of a push body */
  maxPushBytes: 8 * 1024 * 1024,
  /** bytes of one audit event's `data`, as canonical JSON */
  maxAuditDataBytes: 4096,
  /** bytes of the team settings value */
  maxTeamValueBytes: 16 * 1024,
} as const;

/** what the desktop shows (the server sends these as error messages) */
export const SYNC_MESSAGES = {
  clientTooOld: (collection: ReplicatedCollection) =>
    `This version of Fairsend is too old to sync the team's ${collection === 'team' ? 'settings' : collection === 'audit' ? 'audit log' : 'suppression list'} with the team server. Update Fairsend to keep syncing.`,
  serverTooOld: () =>
    'The team server is older than this version of Fairsend. Ask your team admin to update it.',
  tooManyRows: (count: number) =>
    `A push carries at most ${LIMITS.maxPushRows.toLocaleString('en')} entries; this one had ${count.toLocaleString('en')}. Fairsend sends them in smaller batches.`,
  tooLarge: () =>
    `A push carries at most ${LIMITS.maxPushRows.toLocaleString('en')} entries and ${LIMITS.maxPushBytes / 1024 / 1024} MB; this one was larger. Fairsend sends them in smaller batches.`,
  badCheckpoint: () =>
    'The sync position sent is not one this team server gave out. Fairsend will sync again from the start.',
} as const;

// ── the checkpoint ─────────────────────────────────────────────────────────────────────────────────────────

const MAX_BIGINT = 9_223_372_036_854_775_807n;

export const checkpointSchema = z.object({
  order: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,18})$/)
    .refine((s) => /^[0-9]+$/.test(s) && BigInt(s) <= MAX_BIGINT, 'order is a bigint'),
  // ids are printable; a NUL byte could never match a row (and PostgreSQL refuses it in text)
  id: z
    .string()
    .max(100)
    .refine((s) => !s.includes('\u0000'), 'id has no NUL byte'),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** The checkpoint a pull's query string carries (`order` and `id`, both or neither); null for "from the start". */
export function parseCheckpointQuery(query: {
  order?: string | undefined;
  id?: string | undefined;
}): { ok: true; checkpoint: Checkpoint | null } | { ok: false } {
  if (query.order === undefined && query.id === undefined) return { ok: true, checkpoint: null };
  const parsed = checkpointSchema.safeParse({ order: query.order, id: query.id });
  return parsed.success ? { ok: true, checkpoint: parsed.data } : { ok: false };
}

/** The query string of a pull after `checkpoint` (the desktop's pull handler builds its URL with it). */
export function checkpointQuery(checkpoint: Checkpoint | null | undefined, limit?: number): string {
  const params = new URLSearchParams();
  if (checkpoint) {
    params.set('order', checkpoint.order);
    params.set('id', checkpoint.id);
  }
  if (limit !== undefined) params.set('limit', String(limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

// ── documents as they travel ───────────────────────────────────────────────────────────────────────────────

const TIME = z.number().int().min(0).max(10_000_000_000_000);
const HEX64 = /^[0-9a-f]{64}$/;

/**
 * A suppression entry: the id is the HMAC (hex) of the normalised address or domain under the team key, never the
 * address. A tombstone (`_deleted: true`) is a removal: only admins and owners may push one, and theirs must carry
 * the reason in `removedNote`, set in the same write as `_deleted` (a live entry has no removedNote).
 */
export const suppressionDocSchema = z
  .object({
    id: z.string().regex(HEX64),
    kind: z.enum(['address', 'domain']),
    reason: z.enum(['unsubscribed', 'bounced', 'complained', 'erased', 'manual', 'imported']),
    note: z.string().max(500),
    createdAt: TIME,
    removedNote: z.string().trim().max(500).optional(),
    _deleted: z.boolean(),
  })
  .refine((d) => d._deleted || d.removedNote === undefined, {
    message: 'Only a removal from the suppression list carries a removedNote (its reason).',
    path: ['removedNote'],
  });
export type SuppressionWireDoc = z.infer<typeof suppressionDocSchema>;

/** One audit event, as the desktop's chain holds it (shared/audit/chain.ts); the server's own have no chain. */
export const auditDocSchema = z.object({
  id: z.string().min(1).max(100),
  deviceId: z.string().min(1).max(64),
  seq: z.number().int().min(0).max(1_000_000_000_000),
  type: z.string().min(1).max(48),
  at: TIME,
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string().max(64),
  hash: z.string().max(64),
  _deleted: z.boolean(),
});
export type AuditWireDoc = z.infer<typeof auditDocSchema>;

export { GENESIS_HASH };

/** Team settings that override the desktop's defaults; each field left out keeps the desktop's own. */
export const teamSettingsSchema = z.object({
  caps: z
    .object({
      /** the most any one mailbox may send a day */
      mailboxDailyMax: z.number().int().min(0).max(10_000).optional(),
    })
    .default({}),
  breakers: z
    .object({
      bounceWarn: z.number().min(0).max(1).optional(),
      bouncePause: z.number().min(0).max(1).optional(),
      complaintWarn: z.number().min(0).max(1).optional(),
      complaintPause: z.number().min(0).max(1).optional(),
      minSends: z.number().int().min(0).max(1_000_000).optional(),
    })
    .default({}),
});
export type TeamSettings = z.infer<typeof teamSettingsSchema>;

export const TEAM_SETTINGS_ID = 'settings';
export const memberDocId = (memberId: string) => `member:${memberId}`;

/** A member of the team (written by the server only: invites, roles and removals go through their routes). */
export const teamMemberValueSchema = z.object({
  memberId: z.string(),
  email: z.string(),
  role: z.enum(['owner', 'admin', 'manager', 'rep', 'readonly']),
});

/** A `team` document: `settings`, or `member:<id>`; `updatedAt` is shown, never used to order anything. */
export const teamDocSchema = z.object({
  id: z.string().min(1).max(64),
  value: z.record(z.string(), z.unknown()),
  updatedAt: TIME,
  _deleted: z.boolean(),
});
export type TeamWireDoc = z.infer<typeof teamDocSchema>;

export const DOC_SCHEMAS = {
  suppression: suppressionDocSchema,
  audit: auditDocSchema,
  team: teamDocSchema,
} as const;
export type WireDoc<C extends ReplicatedCollection> = z.infer<(typeof DOC_SCHEMAS)[C]>;

// ── pull, push, stream ─────────────────────────────────────────────────────────────────────────────────────

export const pullQuerySchema = z.object({
  order: z.string().max(40).optional(),
  id: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.maxPullRows).default(LIMITS.maxPullRows),
});

export const pullAnswerSchema = <D extends z.ZodType>(doc: D) =>
  z.object({ documents: z.array(doc), checkpoint: checkpointSchema.nullable() });
export interface PullAnswer<D> {
  documents: D[];
  /** the last document's; the asked-for one (or null) when nothing is new */
  checkpoint: Checkpoint | null;
}

export const pushRowSchema = <D extends z.ZodType>(doc: D) =>
  z.object({ assumedMasterState: doc.optional(), newDocumentState: doc });
export interface PushRow<D> {
  assumedMasterState?: D;
  newDocumentState: D;
}

/** a live-stream event's data: new rows after a commit, or RESYNC (pull again from your checkpoint) */
export type StreamEvent<D> = PullAnswer<D> | 'RESYNC';

/** The text of one server-sent event. */
export function streamEventText<D>(event: StreamEvent<D>): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

/** Documents compare as their canonical JSON, so key order and fields RxDB adds (`_meta`, `_rev`) never count. */
export function sameDocument<D extends Record<string, unknown>>(
  schema: z.ZodType<D>,
  a: unknown,
  b: unknown,
): boolean {
  const pa = schema.safeParse(a);
  const pb = schema.safeParse(b);
  if (!pa.success || !pb.success) return false;
  return stableText(pa.data) === stableText(pb.data);
}

function stableText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableText).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableText(v)}`).join(',')}}`;
}
