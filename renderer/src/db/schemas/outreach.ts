import { type ExtractDocumentTypeFromTypedRxJsonSchema, toTypedRxJsonSchema } from 'rxdb';

// Sequences, enrollments and messages: declared now so the data model is whole; the sequence engine fills them.

const TIME = { type: 'number', minimum: 0, maximum: 10_000_000_000_000, multipleOf: 1 } as const;
const RANK = { type: 'number', minimum: 0, maximum: 9_000_000_000_000_000, multipleOf: 1 } as const;

const MINUTE_OF_DAY = { type: 'number', minimum: 0, maximum: 1440, multipleOf: 1 } as const;

/** One email of a step: a Liquid subject, HTML body and optional plain-text part (derived when empty). */
const EMAIL = {
  subject: { type: 'string', maxLength: 998 },
  body: { type: 'string', maxLength: 100_000 },
  text: { type: 'string', maxLength: 100_000 },
} as const;

export const sequenceSchemaLiteral = {
  title: 'sequence',
  // v1: a step's plain-text part and A/B variants; the schedule (send days, window, holidays), the daily
  // limit and the company stop, as shared/sequences' planner reads them
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    name: { type: 'string', maxLength: 200 },
    status: { type: 'string', enum: ['draft', 'active', 'paused', 'archived'], maxLength: 16 },
    steps: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', maxLength: 64 },
          delayBusinessDays: { type: 'number', minimum: 0, maximum: 60 },
          ...EMAIL,
          threadWithPrevious: { type: 'boolean' },
          /** A/B: none, or 2–4 variants that replace the step's own email, each with a share of the leads */
          variants: {
            type: 'array',
            maxItems: 4,
            items: {
              type: 'object',
              properties: {
                id: { type: 'string', maxLength: 64 },
                ...EMAIL,
                weight: { type: 'number', minimum: 1, maximum: 100, multipleOf: 1 },
              },
              required: ['id', 'subject', 'body', 'text', 'weight'],
            },
          },
        },
        required: ['id', 'delayBusinessDays', 'subject', 'body', 'text', 'threadWithPrevious', 'variants'],
      },
    },
    /** one mailbox, or a rotation: each lead gets one at enrollment and keeps it for every step */
    mailboxIds: { type: 'array', items: { type: 'string', maxLength: 64 } },
    /** shared/sequences/calendar.ts `Schedule`: weekdays 0 = Sunday, the window in the lead's local minutes */
    schedule: {
      type: 'object',
      properties: {
        sendDays: {
          type: 'array',
          maxItems: 7,
          items: { type: 'number', minimum: 0, maximum: 6, multipleOf: 1 },
        },
        startMinute: MINUTE_OF_DAY,
        endMinute: MINUTE_OF_DAY,
        /** ISO 3166 country, optionally "-STATE"; '' for none */
        holidaysCountry: { type: 'string', maxLength: 16 },
      },
      required: ['sendDays', 'startMinute', 'endMinute', 'holidaysCountry'],
    },
    /** sends a day over all its mailboxes; 0 for no limit of its own (the mailboxes' caps still hold) */
    dailyLimit: { type: 'number', minimum: 0, maximum: 100_000, multipleOf: 1 },
    /** a reply from anyone at a company stops everyone there */
    stopCompanyOnReply: { type: 'boolean' },
    rank: RANK,
    createdAt: TIME,
    updatedAt: TIME,
  },
  required: [
    'id',
    'name',
    'status',
    'steps',
    'mailboxIds',
    'schedule',
    'dailyLimit',
    'stopCompanyOnReply',
    'rank',
    'createdAt',
    'updatedAt',
  ],
  indexes: ['rank'],
} as const;

export const enrollmentSchemaLiteral = {
  title: 'enrollment',
  // v1: when it was enrolled, the A/B variant each sent step used, why it waits, and `held` (a send whose
  // fate is unknown: the engine asks main's journal again, never sends it anew)
  // v2: `keyShift`, so a sequence edited under it (steps removed or moved) never reuses a send key
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    /** short and opaque (enrollments-repo.ts `enrollmentIdOf`): the send key `id:step` fits a message id */
    id: { type: 'string', maxLength: 320 },
    sequenceId: { type: 'string', maxLength: 64 },
    leadId: { type: 'string', maxLength: 254 },
    mailboxId: { type: 'string', maxLength: 64 },
    step: { type: 'number', minimum: 0, maximum: 100, multipleOf: 1 },
    status: { type: 'string', enum: ['active', 'paused', 'held', 'finished', 'stopped'], maxLength: 16 },
    stopReason: { type: 'string', maxLength: 32 },
    /** the planner's or the gate's reason it waits now ('' when it does not) */
    waitReason: { type: 'string', maxLength: 32 },
    /**
     * the send key's number minus `step` (shared/sequences/edit-plan.ts): 0 until the sequence is edited under
     * it; the key `id:(step + keyShift)` only grows, so a step removed or moved never reuses one main holds
     */
    keyShift: { type: 'number', minimum: -100, maximum: 100, multipleOf: 1 },
    /** the variant id each sent step used ('' for a step without variants), by step */
    variants: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 64 } },
    /** the engine's tick reads due enrollments through ['status', 'nextSendAt'], never a scan */
    nextSendAt: TIME,
    enrolledAt: TIME,
    updatedAt: TIME,
  },
  required: [
    'id',
    'sequenceId',
    'leadId',
    'mailboxId',
    'step',
    'status',
    'variants',
    'nextSendAt',
    'enrolledAt',
    'updatedAt',
  ],
  indexes: [['status', 'nextSendAt'], 'leadId', ['sequenceId', 'status']],
} as const;

export const messageSchemaLiteral = {
  title: 'message',
  // v1: reasons carry the gate's message and fix (the Outbox shows them), not only the code
  // v2: scheduled one-offs keep their draft until sent, and are found by ['status', 'scheduledAt']
  // v3: a sequence step's record names the step (by id) and the variant it sent, so reports survive edits
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    /** the idempotency key the send journal uses */
    id: { type: 'string', maxLength: 64 },
    leadId: { type: 'string', maxLength: 254 },
    mailboxId: { type: 'string', maxLength: 64 },
    enrollmentId: { type: 'string', maxLength: 320 },
    /** the step's index when it was sent; a later edit may move it, so `stepId` names it */
    step: { type: 'number', minimum: 0, maximum: 100, multipleOf: 1 },
    /** the sequence step's id (SequenceStep.id): which step this was, whatever edits came after */
    stepId: { type: 'string', maxLength: 64 },
    /** the A/B variant it sent ('' for a step without variants) */
    variant: { type: 'string', maxLength: 64 },
    status: { type: 'string', enum: ['scheduled', 'sending', 'sent', 'failed', 'blocked'], maxLength: 16 },
    subject: { type: 'string', maxLength: 998 },
    messageId: { type: 'string', maxLength: 998 },
    threadId: { type: 'string', maxLength: 998 },
    reasons: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        properties: {
          code: { type: 'string', maxLength: 64 },
          message: { type: 'string', maxLength: 1000 },
          fix: { type: 'string', maxLength: 1000 },
        },
        required: ['code', 'message'],
      },
    },
    /** when it was tried; for a scheduled message, when it is due (the scheduler reads it by index) */
    scheduledAt: TIME,
    sentAt: TIME,
    rank: RANK,
    /**
     * A scheduled message's draft, everything `send.message` needs but the mailbox and subject (kept above);
     * dropped once it is sent, blocked or cancelled (bodies are not kept: data minimisation).
     */
    draft: {
      type: 'object',
      properties: {
        to: { type: 'string', maxLength: 320 },
        toName: { type: 'string', maxLength: 200 },
        html: { type: 'string', maxLength: 2_000_000 },
        text: { type: 'string', maxLength: 2_000_000 },
        isFirstTouch: { type: 'boolean' },
        kind: { type: 'string', enum: ['sequence', 'one-off'], maxLength: 16 },
        leadTimeZone: { type: 'string', maxLength: 64 },
      },
      required: ['to', 'html', 'isFirstTouch', 'kind'],
    },
  },
  required: ['id', 'leadId', 'mailboxId', 'status', 'subject', 'reasons', 'scheduledAt', 'rank'],
  indexes: ['leadId', ['status', 'rank'], 'rank', ['status', 'scheduledAt']],
} as const;

export const sequenceSchema = toTypedRxJsonSchema(sequenceSchemaLiteral);
export const enrollmentSchema = toTypedRxJsonSchema(enrollmentSchemaLiteral);
export const messageSchema = toTypedRxJsonSchema(messageSchemaLiteral);
export type SequenceDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof sequenceSchema>;
export type EnrollmentDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof enrollmentSchema>;
export type MessageDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof messageSchema>;
