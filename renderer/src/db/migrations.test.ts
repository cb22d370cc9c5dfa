import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { createFairsendDatabase } from './database';
import { suppressionSchemaLiteral } from './schemas/compliance';
import { leadSchemaLiteral } from './schemas/leads';
import { enrollmentSchemaLiteral, messageSchemaLiteral, sequenceSchemaLiteral } from './schemas/outreach';

// Version 0 of each migrated schema, as it shipped: a v0 document must come through the migration intact.
const suppressionV0 = { ...suppressionSchemaLiteral, version: 0, indexes: ['rank'] };
const messageV0 = {
  ...messageSchemaLiteral,
  version: 0,
  properties: {
    ...messageSchemaLiteral.properties,
    reasons: { type: 'array', items: { type: 'string', maxLength: 64 } },
  },
};

// leads v1: no suppression flag (a suppressed lead looked like any other).
const { suppressed: _s, suppressedBy: _sb, ...leadV1Properties } = leadSchemaLiteral.properties;
const leadV1 = {
  ...leadSchemaLiteral,
  version: 1,
  properties: leadV1Properties,
  required: leadSchemaLiteral.required.filter((f) => f !== 'suppressed' && f !== 'suppressedBy'),
  indexes: leadSchemaLiteral.indexes.filter((i) => i[0] !== 'suppressed'),
};
// leads v0: no last-name or domain key (search could not find "Khan" in "Emma Khan", nor "acme.com").
const { lastNameKey: _l, domainKey: _d, ...leadV0Properties } = leadV1Properties;
const leadV0 = {
  ...leadV1,
  version: 0,
  properties: leadV0Properties,
  required: leadV1.required.filter((f) => f !== 'lastNameKey' && f !== 'domainKey'),
  indexes: ['rank', ['status', 'rank'], ['companyKey', 'rank'], ['source', 'rank'], ['nameKey', 'rank']],
};

// sequences v0: steps without a plain-text part or variants, no schedule, limit or company stop.
const {
  schedule: _sc,
  dailyLimit: _dl,
  stopCompanyOnReply: _st,
  ...sequenceV0Properties
} = sequenceSchemaLiteral.properties;
const {
  text: _t,
  variants: _v,
  ...stepV0Properties
} = sequenceSchemaLiteral.properties.steps.items.properties;
const sequenceV0 = {
  ...sequenceSchemaLiteral,
  version: 0,
  properties: {
    ...sequenceV0Properties,
    steps: {
      ...sequenceSchemaLiteral.properties.steps,
      items: {
        type: 'object',
        properties: stepV0Properties,
        required: ['id', 'delayBusinessDays', 'subject', 'body', 'threadWithPrevious'],
      },
    },
  },
  required: ['id', 'name', 'status', 'steps', 'mailboxIds', 'rank', 'createdAt', 'updatedAt'],
};

// enrollments v1: no key shift (no sequence was edited under an enrollment).
const { keyShift: _ks, ...enrollmentV1Properties } = enrollmentSchemaLiteral.properties;
const enrollmentV1 = { ...enrollmentSchemaLiteral, version: 1, properties: enrollmentV1Properties };
// enrollments v0: no enrolment time, variants or wait reason, and no `held` status.
const { enrolledAt: _ea, variants: _va, waitReason: _wr, ...enrollmentV0Properties } = enrollmentV1Properties;
const enrollmentV0 = {
  ...enrollmentSchemaLiteral,
  version: 0,
  properties: {
    ...enrollmentV0Properties,
    status: { type: 'string', enum: ['active', 'paused', 'finished', 'stopped'], maxLength: 16 },
  },
  required: ['id', 'sequenceId', 'leadId', 'mailboxId', 'step', 'status', 'nextSendAt', 'updatedAt'],
};

/** A lead as v0 stored it. */
const EMMA_V0 = {
  id: 'emma@acme.com',
  email: 'Emma@ACME.com',
  firstName: 'Emma',
  lastName: 'Khán',
  company: 'Acme',
  title: '',
  timezone: '',
  status: 'replied',
  source: 'a.csv',
  companyKey: 'acme',
  nameKey: 'emma khan',
  tags: ['vip'],
  custom: { city: 'Oslo' },
  rank: 42,
  createdAt: 1,
  updatedAt: 2,
};

/** Stores `doc` under an old leads schema, then opens the database as the app does (which migrates it). */
async function migratedLeads(name: string, schema: object, doc: object) {
  // Memory storage keeps a database's data in this process between instances of the same name.
  const storage = getRxStorageMemory();
  const old = await createRxDatabase({ name, storage, multiInstance: false });
  await old.addCollections({ leads: { schema } });
  await old.leads.insert(doc);
  await old.close();
  return createFairsendDatabase(name, storage);
}

describe('schema migrations', () => {
  it('migrates leads v0 to v2: the last-name and domain keys, found through their indexes', async () => {
    const db = await migratedLeads('lead-migration-test', leadV0, EMMA_V0);
    try {
      const lead = await db.leads.findOne('emma@acme.com').exec();
      expect(lead?.lastNameKey).toBe('khan');
      expect(lead?.domainKey).toBe('acme.com');
      expect(lead?.status).toBe('replied');
      expect(lead?.custom).toEqual({ city: 'Oslo' });
      const byLast = await db.leads
        .find({ selector: { lastNameKey: { $gte: 'kh', $lt: 'kh\uffff' } }, index: ['lastNameKey', 'rank'] })
        .exec();
      const byDomain = await db.leads
        .find({ selector: { domainKey: 'acme.com' }, index: ['domainKey', 'rank'] })
        .exec();
      expect([...byLast, ...byDomain].map((d) => d.id)).toEqual(['emma@acme.com', 'emma@acme.com']);
    } finally {
      await db.close();
    }
  });

  it('migrates leads v1 to v2: the suppression flag, cleared, found through its index', async () => {
    const v1 = { ...EMMA_V0, lastNameKey: 'khan', domainKey: 'acme.com' };
    const db = await migratedLeads('lead-migration-v2-test', leadV1, v1);
    try {
      const lead = await db.leads.findOne('emma@acme.com').exec();
      expect(lead?.suppressed).toBe(0);
      expect(lead?.suppressedBy).toBe('');
      expect(lead?.lastNameKey).toBe('khan');
      const clear = await db.leads
        .find({ selector: { suppressed: 0 }, index: ['suppressed', 'rank'], sort: [{ rank: 'asc' }] })
        .exec();
      expect(clear.map((d) => d.id)).toEqual(['emma@acme.com']);
    } finally {
      await db.close();
    }
  });

  it('migrates enrollments v0 to v1: enrolled at its last change, no variants, found as due by its index', async () => {
    const storage = getRxStorageMemory();
    const name = 'enrollment-migration-test';
    const old = await createRxDatabase({ name, storage, multiInstance: false });
    await old.addCollections({ enrollments: { schema: enrollmentV0 } });
    await old.enrollments.insert({
      id: 'q1|emma@acme.com',
      sequenceId: 'q1',
      leadId: 'emma@acme.com',
      mailboxId: 'm1',
      step: 1,
      status: 'active',
      nextSendAt: 500,
      updatedAt: 400,
    });
    await old.close();
    const db = await createFairsendDatabase(name, storage);
    try {
      const due = await db.enrollments
        .find({
          selector: { status: 'active', nextSendAt: { $lte: 1000 } },
          index: ['status', 'nextSendAt'],
          sort: [{ status: 'asc' }, { nextSendAt: 'asc' }],
        })
        .exec();
      expect(due.map((d) => d.toJSON())).toMatchObject([
        { id: 'q1|emma@acme.com', step: 1, enrolledAt: 400, variants: [], waitReason: '' },
      ]);
    } finally {
      await db.close();
    }
  });

  it('migrates enrollments v1 to v2: its send key number is its step (key shift 0)', async () => {
    const storage = getRxStorageMemory();
    const name = 'enrollment-v2-migration-test';
    const old = await createRxDatabase({ name, storage, multiInstance: false });
    await old.addCollections({ enrollments: { schema: enrollmentV1 } });
    const doc = {
      id: 'e1',
      sequenceId: 'q1',
      leadId: 'emma@acme.com',
      mailboxId: 'm1',
      step: 2,
      status: 'held',
      waitReason: 'unknown-fate',
      variants: ['', 'b'],
      nextSendAt: 500,
      enrolledAt: 100,
      updatedAt: 400,
    };
    await old.enrollments.insert(doc);
    await old.close();
    const db = await createFairsendDatabase(name, storage);
    try {
      const [found] = await db.enrollments.find({ selector: { sequenceId: 'q1', status: 'held' } }).exec();
      expect(found?.toJSON()).toEqual({ ...doc, keyShift: 0 });
    } finally {
      await db.close();
    }
  });

  it('migrates sequences v0 to v1: plain-text parts, no variants, Mon–Fri 09:00–17:00, no own limit', async () => {
    const storage = getRxStorageMemory();
    const name = 'sequence-migration-test';
    const old = await createRxDatabase({ name, storage, multiInstance: false });
    await old.addCollections({ sequences: { schema: sequenceV0 } });
    const step = {
      id: 's1',
      delayBusinessDays: 0,
      subject: 'Hi',
      body: '<p>Hi</p>',
      threadWithPrevious: false,
    };
    await old.sequences.insert({
      id: 'q1',
      name: 'Outbound',
      status: 'draft',
      steps: [step],
      mailboxIds: ['m1'],
      rank: 1,
      createdAt: 1,
      updatedAt: 2,
    });
    await old.close();
    const db = await createFairsendDatabase(name, storage);
    try {
      const sequence = (await db.sequences.findOne('q1').exec())?.toJSON();
      expect(sequence).toMatchObject({
        name: 'Outbound',
        steps: [{ ...step, text: '', variants: [] }],
        schedule: { sendDays: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020, holidaysCountry: '' },
        dailyLimit: 0,
        stopCompanyOnReply: false,
      });
    } finally {
      await db.close();
    }
  });

  it('migrates suppression v0 (mixed-case value) and messages v0 (bare reason codes) to v1', async () => {
    // Memory storage keeps a database's data in this process between instances of the same name.
    const storage = getRxStorageMemory();
    const name = 'migration-test';
    const old = await createRxDatabase({ name, storage, multiInstance: false });
    await old.addCollections({
      suppression: { schema: suppressionV0 },
      messages: { schema: messageV0 },
    });
    await old.suppression.insert({
      id: 'a'.repeat(64),
      kind: 'address',
      value: 'Ana@Example.com',
      reason: 'manual',
      note: 'asked by phone',
      rank: 5,
      createdAt: 1,
    });
    await old.messages.insert({
      id: 'compose:1',
      leadId: 'ana@example.com',
      mailboxId: 'm1',
      status: 'blocked',
      subject: 'Hello',
      reasons: ['deceptive-subject'],
      scheduledAt: 1,
      rank: 7,
    });
    await old.close();

    const db = await createFairsendDatabase(name, storage);
    try {
      const entry = await db.suppression.findOne('a'.repeat(64)).exec();
      expect(entry?.value).toBe('ana@example.com');
      expect(entry?.note).toBe('asked by phone');
      const found = await db.suppression
        .find({ selector: { value: { $gte: 'ana', $lt: 'ana\uffff' } } })
        .exec();
      expect(found.map((d) => d.id)).toEqual(['a'.repeat(64)]);
      const message = await db.messages.findOne('compose:1').exec();
      expect(message?.toJSON().reasons).toEqual([{ code: 'deceptive-subject', message: '' }]);
      expect(message?.subject).toBe('Hello');
    } finally {
      await db.close();
    }
  });
});
