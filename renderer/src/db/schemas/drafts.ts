import { type ExtractDocumentTypeFromTypedRxJsonSchema, toTypedRxJsonSchema } from 'rxdb';

/**
 * An email the rep began in Compose and has not sent: at most one per lead (the lead's id is the key), kept
 * on this desktop only (never replicated) and removed with the lead when it is deleted or erased.
 */
export const draftSchemaLiteral = {
  title: 'draft',
  version: 0,
  primaryKey: 'leadId',
  type: 'object',
  properties: {
    leadId: { type: 'string', maxLength: 254 },
    mailboxId: { type: 'string', maxLength: 64 },
    subject: { type: 'string', maxLength: 998 },
    body: { type: 'string', maxLength: 100_000 },
    updatedAt: { type: 'number', minimum: 0, maximum: 10_000_000_000_000, multipleOf: 1 },
  },
  required: ['leadId', 'mailboxId', 'subject', 'body', 'updatedAt'],
} as const;

export const draftSchema = toTypedRxJsonSchema(draftSchemaLiteral);
export type DraftDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof draftSchema>;
