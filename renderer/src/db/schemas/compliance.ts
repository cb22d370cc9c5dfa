import { type ExtractDocumentTypeFromTypedRxJsonSchema, toTypedRxJsonSchema } from 'rxdb';

// Suppression, audit, mailboxes and team: the first three of these leave the desktop (see DESIGN.md, Data).

const TIME = { type: 'number', minimum: 0, maximum: 10_000_000_000_000, multipleOf: 1 } as const;
const RANK = { type: 'number', minimum: 0, maximum: 9_000_000_000_000_000, multipleOf: 1 } as const;

export const suppressionSchemaLiteral = {
  title: 'suppression entry',
  // v1: `value` is stored lower-case and indexed, for the Suppression screen's prefix search
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    /** HMAC-SHA256 (hex) of the normalised address or domain under the team key */
    id: { type: 'string', maxLength: 64 },
    kind: { type: 'string', enum: ['address', 'domain'], maxLength: 8 },
    /** plaintext, kept on this desktop only; empty after an erasure (the hash alone keeps the lead out) */
    value: { type: 'string', maxLength: 320 },
    reason: {
      type: 'string',
      enum: ['unsubscribed', 'bounced', 'complained', 'erased', 'manual', 'imported'],
      maxLength: 16,
    },
    note: { type: 'string', maxLength: 500 },
    rank: RANK,
    createdAt: TIME,
  },
  required: ['id', 'kind', 'value', 'reason', 'note', 'rank', 'createdAt'],
  indexes: ['rank', 'value'],
} as const;

export const auditSchemaLiteral = {
  title: 'audit event',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    /** `${deviceId}:${seq}` with seq zero-padded */
    id: { type: 'string', maxLength: 100 },
    deviceId: { type: 'string', maxLength: 64 },
    seq: { type: 'number', minimum: 0, maximum: 1_000_000_000_000, multipleOf: 1 },
    type: { type: 'string', maxLength: 48 },
    at: TIME,
    /** no message bodies, no plaintext recipients */
    data: { type: 'object' },
    prevHash: { type: 'string', maxLength: 64 },
    hash: { type: 'string', maxLength: 64 },
  },
  required: ['id', 'deviceId', 'seq', 'type', 'at', 'data', 'prevHash', 'hash'],
  indexes: [['deviceId', 'seq'], 'at'],
} as const;

export const mailboxSchemaLiteral = {
  title: 'mailbox',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    address: { type: 'string', maxLength: 254 },
    kind: { type: 'string', enum: ['smtp', 'gmail', 'outlook'], maxLength: 8 },
    displayName: { type: 'string', maxLength: 200 },
    dailyCap: { type: 'number', minimum: 0, maximum: 10_000, multipleOf: 1 },
    health: { type: 'string', enum: ['ok', 'warning', 'paused', 'error'], maxLength: 8 },
    healthNote: { type: 'string', maxLength: 500 },
    createdAt: TIME,
  },
  required: ['id', 'address', 'kind', 'displayName', 'dailyCap', 'health', 'createdAt'],
} as const;

export const teamSchemaLiteral = {
  title: 'team setting',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    value: { type: 'object' },
    updatedAt: TIME,
  },
  required: ['id', 'value', 'updatedAt'],
} as const;

export const suppressionSchema = toTypedRxJsonSchema(suppressionSchemaLiteral);
export const auditSchema = toTypedRxJsonSchema(auditSchemaLiteral);
export const mailboxSchema = toTypedRxJsonSchema(mailboxSchemaLiteral);
export const teamSchema = toTypedRxJsonSchema(teamSchemaLiteral);
export type SuppressionDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof suppressionSchema>;
export type AuditDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof auditSchema>;
export type MailboxDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof mailboxSchema>;
export type TeamDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof teamSchema>;
