import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reconcileAtStart } from './reconcile-at-start';
import { openSendJournal } from './send-journal';
import type { MailTransport } from './transports/mail-transport';

function transport(sentIds: string[]): MailTransport {
  return {
    kind: 'smtp',
    deliver: async () => ({ ok: true, value: { providerId: 'p' } }),
    findSent: async (id) => ({
      ok: true,
      value: sentIds.includes(id) ? { found: true, providerId: `sent:${id}` } : { found: false },
    }),
    close: async () => {},
  };
}

describe('reconcile at start-up', () => {
  it('settles every interrupted send by its Sent folder and audits each outcome', async () => {
    const journal = await openSendJournal(join(await mkdtemp(join(tmpdir(), 'fairsend-rec-')), 'j.jsonl'));
    await journal.begin('delivered', { messageId: '<a@acme.test>', mailboxId: 'mb1' });
    await journal.begin('lost', { messageId: '<b@acme.test>', mailboxId: 'mb1' });
    await journal.begin('gone-mailbox', { messageId: '<c@acme.test>', mailboxId: 'mb-removed' });
    const audited: unknown[] = [];
    const report = await reconcileAtStart(
      journal,
      async (id) => {
        if (id === 'mb1') return transport(['<a@acme.test>']);
        throw new Error('This mailbox is no longer connected.');
      },
      { append: async (type, data) => audited.push({ type, ...data }) },
    );
    expect(report).toEqual({ confirmedSent: ['delivered'], notSent: ['lost'], unknown: ['gone-mailbox'] });
    expect(journal.get('delivered')).toMatchObject({ state: 'sent', providerId: 'sent:<a@acme.test>' });
    expect(journal.get('lost')).toMatchObject({ state: 'failed', retryable: true });
    expect(journal.get('gone-mailbox')?.state).toBe('sending');
    expect(audited).toEqual([
      { type: 'send.reconciled', key: 'delivered', mailboxId: 'mb1', outcome: 'sent' },
      { type: 'send.reconciled', key: 'lost', mailboxId: 'mb1', outcome: 'not-sent' },
      { type: 'send.reconciled', key: 'gone-mailbox', mailboxId: 'mb-removed', outcome: 'unknown' },
    ]);
    await journal.close();
  });
});
