import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { createFairsendDatabase } from './database';
import { suppressionSchemaLiteral } from './schemas/compliance';
import { messageSchemaLiteral } from './schemas/outreach';

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

describe('schema migrations', () => {
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
