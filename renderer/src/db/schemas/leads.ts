import { type ExtractDocumentTypeFromTypedRxJsonSchema, toTypedRxJsonSchema } from 'rxdb';
import { LEAD_LIMITS, LEAD_STATUSES } from '../../../../shared/leads/lead';

/**
 * A lead. The primary key is the normalised address, so dedupe is a key lookup.
 * `rank` grows smaller as leads get newer: RxDB's Dexie storage serves only ascending index order,
 * so an ascending rank is a newest-first list without a sort in memory.
 * Indexes serve exactly what the leads screen lists and searches: newest first, by status, by company, by
 * source, by name, the search by last name and by email domain (version 1), and the suppressed leads (version 2:
 * `suppressed` is 1 while the lead's address or domain is on the suppression list, kept by lead-suppression.ts;
 * docs/decisions.md "Data").
 * Tags live on the doc (RxDB cannot index arrays) and in `lead_tags` for the tag filter.
 */
export const leadSchemaLiteral = {
  title: 'lead',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 254 },
    email: { type: 'string', maxLength: 320 },
    firstName: { type: 'string', maxLength: LEAD_LIMITS.field },
    lastName: { type: 'string', maxLength: LEAD_LIMITS.field },
    company: { type: 'string', maxLength: LEAD_LIMITS.field },
    title: { type: 'string', maxLength: LEAD_LIMITS.field },
    timezone: { type: 'string', maxLength: 64 },
    status: { type: 'string', enum: [...LEAD_STATUSES], maxLength: 16 },
    source: { type: 'string', maxLength: 128 },
    companyKey: { type: 'string', maxLength: 48 },
    nameKey: { type: 'string', maxLength: 48 },
    lastNameKey: { type: 'string', maxLength: 48 },
    domainKey: { type: 'string', maxLength: 253 },
    /** 1 while on the suppression list (an index needs a number: IndexedDB cannot index booleans) */
    suppressed: { type: 'number', minimum: 0, maximum: 1, multipleOf: 1 },
    /** what is listed: the address, the whole domain, or both ('' when not suppressed) */
    suppressedBy: { type: 'string', enum: ['', 'address', 'domain', 'both'], maxLength: 8 },
    tags: {
      type: 'array',
      maxItems: LEAD_LIMITS.tags,
      items: { type: 'string', maxLength: LEAD_LIMITS.tag },
    },
    custom: { type: 'object', additionalProperties: { type: 'string', maxLength: LEAD_LIMITS.customValue } },
    rank: { type: 'number', minimum: 0, maximum: 9_000_000_000_000_000, multipleOf: 1 },
    createdAt: { type: 'number', minimum: 0, maximum: 10_000_000_000_000, multipleOf: 1 },
    updatedAt: { type: 'number', minimum: 0, maximum: 10_000_000_000_000, multipleOf: 1 },
  },
  required: [
    'id',
    'email',
    'firstName',
    'lastName',
    'company',
    'title',
    'timezone',
    'status',
    'source',
    'companyKey',
    'nameKey',
    'lastNameKey',
    'domainKey',
    'suppressed',
    'suppressedBy',
    'tags',
    'custom',
    'rank',
    'createdAt',
    'updatedAt',
  ],
  indexes: [
    'rank',
    ['status', 'rank'],
    ['companyKey', 'rank'],
    ['source', 'rank'],
    ['nameKey', 'rank'],
    ['lastNameKey', 'rank'],
    ['domainKey', 'rank'],
    ['suppressed', 'rank'],
  ],
} as const;

export const leadSchema = toTypedRxJsonSchema(leadSchemaLiteral);
export type LeadDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof leadSchema>;

/** One row per (tag, lead): the index behind the tag filter, since RxDB cannot index the `tags` array. */
export const leadTagSchemaLiteral = {
  title: 'lead tag',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 320 },
    tag: { type: 'string', maxLength: 64 },
    leadId: { type: 'string', maxLength: 254 },
    rank: { type: 'number', minimum: 0, maximum: 9_000_000_000_000_000, multipleOf: 1 },
  },
  required: ['id', 'tag', 'leadId', 'rank'],
  indexes: [['tag', 'rank'], 'leadId'],
} as const;

export const leadTagSchema = toTypedRxJsonSchema(leadTagSchemaLiteral);
export type LeadTagDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof leadTagSchema>;
