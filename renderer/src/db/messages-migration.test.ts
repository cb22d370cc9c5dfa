import { createRxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { createFairsendDatabase } from './database';
import { createScheduledMessages } from './scheduled-messages';
import { messageSchemaLiteral } from './schemas/outreach';

// messages v1, as it shipped: no draft, no ['status', 'scheduledAt'] index.
const { draft: _draft, ...v1Properties } = messageSchemaLiteral.properties;
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
