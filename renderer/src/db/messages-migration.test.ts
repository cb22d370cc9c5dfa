import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { createFairsendDatabase } from './database';
import { createScheduledMessages } from './scheduled-messages';
import { messageSchemaLiteral } from './schemas/outreach';

// messages v1, as it shipped: no draft, no ['status', 'scheduledAt'] index (and no step id or variant, v3's).
const {
  draft: _draft,
  stepId: _stepId,
  variant: _variant,
  ...v1Properties
} = messageSchemaLiteral.properties;
const messageV1 = {
  ...messageSchemaLiteral,
  version: 1,
  properties: v1Properties,
  indexes: ['leadId', ['status', 'rank'], 'rank'],
};

describe('messages v1 → v2', () => {
  it('keeps every stored message as it was, and the scheduler’s index answers', async () => {
    const storage = getRxStorageMemory();
    const name = 'messages-v2-migration-test';
    const old = await createRxDatabase({ name, storage, multiInstance: false });
    await old.addCollections({ messages: { schema: messageV1 } });
    const stored = {
      id: 'compose:1',
      leadId: 'ana@prospect.test',
      mailboxId: 'mb1',
      status: 'blocked' as const,
      subject: 'Hello',
      reasons: [
        { code: 'daily-cap-reached', message: 'This mailbox has sent 10 of its 10 emails for today.' },
      ],
      scheduledAt: 1_000,
      rank: 42,
    };
    await old.messages.insert(stored);
    await old.close();

    const db = await createFairsendDatabase(name, storage);
    try {
      const message = await db.messages.findOne('compose:1').exec();
      expect(message?.toJSON()).toMatchObject(stored);
      // a blocked message is not a scheduled one: nothing is due
      expect(await createScheduledMessages(db).due(Number.MAX_SAFE_INTEGER)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

// messages v2, as it shipped: a sequence step's record named its step by index only.
const { stepId: _id, variant: _v, ...v2Properties } = messageSchemaLiteral.properties;
const messageV2 = { ...messageSchemaLiteral, version: 2, properties: v2Properties };

describe('messages v2 → v3', () => {
  it('keeps a sequence step’s record as it was, its step still named by index', async () => {
    const storage = getRxStorageMemory();
    const name = 'messages-v3-migration-test';
    const old = await createRxDatabase({ name, storage, multiInstance: false });
    await old.addCollections({ messages: { schema: messageV2 } });
    const stored = {
      id: 'e1:1',
      leadId: 'ana@prospect.test',
      mailboxId: 'mb1',
      enrollmentId: 'e1',
      step: 1,
      status: 'sent' as const,
      subject: 'Re: Hello',
      messageId: '<m1@acme.test>',
      reasons: [],
      scheduledAt: 1_000,
      sentAt: 1_000,
      rank: 42,
    };
    await old.messages.insert(stored);
    await old.close();

    const db = await createFairsendDatabase(name, storage);
    try {
      const message = (await db.messages.findOne('e1:1').exec())?.toJSON();
      expect(message).toMatchObject(stored);
      expect(message?.stepId).toBeUndefined();
    } finally {
      await db.close();
    }
  });
});
