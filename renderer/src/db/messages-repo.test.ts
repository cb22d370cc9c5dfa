import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit/chain';
import type { SendOutcome } from '../../../shared/ipc/send';
import { SEND_FAILURES } from '../../../shared/outbox/failure-codes';
import { createFairsendDatabase, type FairsendDatabase } from './database';
import { createMessagesRepo, type MessagesRepo } from './messages-repo';

let db: FairsendDatabase;
let repo: MessagesRepo;
let dbCount = 0;

beforeEach(async () => {
  db = await createFairsendDatabase(`messages-test-${++dbCount}`, getRxStorageMemory());
  repo = createMessagesRepo(db);
});
afterEach(async () => {
  await db.close();
});

const audit = {} as AuditEvent;
const sent: SendOutcome = {
  status: 'sent',
  messageId: '<fs.1@acme.test>',
  providerId: '250 ok',
  gate: {
    verdict: 'warn',
    score: 1,
    reasons: [{ code: 'dmarc-policy-none', message: 'p=none', fix: 'quarantine' }],
  },
  audit,
};
const blocked: SendOutcome = {
  status: 'blocked',
  gate: {
    verdict: 'block',
    score: 0,
    reasons: [{ code: 'suppressed-address', message: 'On the list.', fix: 'Nothing to do.', weight: 3 }],
  },
  audit,
};
const failed: SendOutcome = {
  status: 'failed',
  code: 'rejected-permanent',
  message: '550 no such user',
  retryable: false,
  gate: { verdict: 'ok', score: 0, reasons: [] },
  audit,
};

function attempt(key: string, outcome: SendOutcome) {
  return { key, leadId: 'ana@example.com', mailboxId: 'm1', subject: `Subject ${key}`, outcome };
}

describe('messages repo', () => {
  it('records each outcome with its reasons, and lists newest first by status', async () => {
    await repo.record(attempt('compose:1', sent));
    await repo.record(attempt('compose:2', blocked));
    await repo.record(attempt('compose:3', failed));
    await repo.record(attempt('compose:4', blocked));

    const all = await repo.list();
    expect(all.map((m) => m.id)).toEqual(['compose:4', 'compose:3', 'compose:2', 'compose:1']);
    expect((await repo.list({ status: 'blocked' })).map((m) => m.id)).toEqual(['compose:4', 'compose:2']);
    expect(await repo.count('blocked')).toBe(2);
    expect(await repo.count()).toBe(4);

    const one = all.find((m) => m.id === 'compose:1');
    expect(one).toMatchObject({
      status: 'sent',
      messageId: '<fs.1@acme.test>',
      subject: 'Subject compose:1',
    });
    expect(one?.reasons).toEqual([{ code: 'dmarc-policy-none', message: 'p=none', fix: 'quarantine' }]);
    expect(all.find((m) => m.id === 'compose:2')?.reasons).toEqual([
      { code: 'suppressed-address', message: 'On the list.', fix: 'Nothing to do.' },
    ]);
    expect(all.find((m) => m.id === 'compose:3')?.reasons[0]).toEqual({
      code: 'rejected-permanent',
      message: '550 no such user',
      fix: SEND_FAILURES['rejected-permanent'].fix, // the catalogue's: the server's words do not say what to do
    });
  });

  it('pages with a rank cursor and ignores a duplicate outcome', async () => {
    for (let i = 0; i < 5; i++) await repo.record(attempt(`k${i}`, blocked));
    const first = await repo.list({ limit: 2 });
    const next = await repo.list({ limit: 10, afterRank: first.at(-1)?.rank ?? 0 });
    expect([...first, ...next].map((m) => m.id)).toEqual(['k4', 'k3', 'k2', 'k1', 'k0']);
    expect(await repo.record(attempt('k0', { status: 'duplicate', state: 'sent' }))).toBeNull();
    expect(await repo.count()).toBe(5);
  });
});
