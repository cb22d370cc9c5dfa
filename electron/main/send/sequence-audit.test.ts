import { appendFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { err } from '../../../shared/ipc/result';
import type { SendDraft } from '../../../shared/ipc/send';
import { type AuditLog, openAuditLog } from '../audit/audit-log';
import { createKeySealer } from '../secrets/sealer';
import { createFollowUps } from './follow-ups';
import { reconcile } from './reconcile';
import { openSendJournal, type SendJournal } from './send-journal';
import { type MailTransport, notDelivered } from './transports/mail-transport';

// The sequence a message belongs to travels in its journal entry's audit facts, so the audit events written
// after the send (the follow-up's `send.sent`, a lookup's settling, an interrupted send) still name it; and a
// journal written before those facts existed still loads and settles, its events simply naming no sequence.

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.allSettled(open.splice(0).map((c) => c.close()));
});

async function world() {
  const dir = await mkdtemp(join(tmpdir(), 'fairsend-seq-audit-'));
  const file = join(dir, 'send-journal.jsonl');
  const audit = await openAuditLog(join(dir, 'audit.jsonl'), join(dir, 'device.json'), {
    sealer: createKeySealer(Buffer.alloc(32, 3)),
  });
  open.push(audit);
  const journal = async () => {
    const j = await openSendJournal(file);
    open.push(j);
    return j;
  };
  return { file, audit, journal };
}

/** a mailbox that can be asked nothing (no Sent copy, every lookup fails) */
const silent: MailTransport = {
  kind: 'smtp',
  deliver: async () => notDelivered('internal', 'not used'),
  findSent: async () => err('transient', 'cannot look'),
  close: async () => {},
};

const draft: SendDraft = {
  mailboxId: 'mb1',
  to: 'lead@example.test',
  subject: 'Hello',
  html: '<p>Hi</p>',
  isFirstTouch: true,
  kind: 'sequence',
  sequence: { sequenceId: 'seq-intro', stepId: 'step-1' },
};

const followUpsOf = (journal: SendJournal, audit: AuditLog) =>
  createFollowUps({ journal, audit, transportFor: async () => silent });

const sentEvents = (audit: AuditLog) => audit.since(0).filter((e) => e.type === 'send.sent');

describe('the sequence in the send journal', () => {
  it("a sequence step's send.sent names its sequence and step, read back from the journal file", async () => {
    const { audit, journal: openJournal } = await world();
    const journal = await openJournal();
    await journal.prepare('enr1:0', {
      mailboxId: 'mb1',
      messageId: '<fs.1@acme.test>',
      audit: { recipientKey: 'rk1', warnings: [], sequenceId: 'seq-intro', stepId: 'step-1' },
    });
    await journal.commit('enr1:0', { draft });
    await journal.accepted('enr1:0', { providerId: 'p1', followUps: ['audit'] });
    journal.release('enr1:0');
    await journal.close();

    // a restart between `accepted` and the follow-up: only the file knows the sequence now
    const reopened = await openJournal();
    await followUpsOf(reopened, audit).runPending();
    const [sent] = sentEvents(audit);
    expect(sent?.data).toMatchObject({ key: 'enr1:0', sequenceId: 'seq-intro', stepId: 'step-1' });
    expect(reopened.byMessageId('<fs.1@acme.test>')?.audit?.sequenceId).toBe('seq-intro');
  });

  it('a journal written before sequences were recorded loads, settles and audits without one', async () => {
    const { file, audit, journal: openJournal } = await world();
    const at = Date.UTC(2026, 10, 2, 9);
    // the lines an earlier version wrote: audit facts without sequenceId, a draft without `sequence`
    const { sequence: _none, ...oldDraft } = draft;
    const lines = [
      { key: 'old:0', state: 'prepared', messageId: '<fs.old0@acme.test>', mailboxId: 'mb1', attempt: 1, at },
      {
        key: 'old:0',
        state: 'accepted',
        messageId: '<fs.old0@acme.test>',
        mailboxId: 'mb1',
        attempt: 1,
        at: at + 2,
        committedAt: at + 1,
        sends: [at + 1],
        audit: { recipientKey: 'rk-old', warnings: ['spam-phrase'] },
        providerId: 'p-old',
        followUps: ['audit'],
      },
      {
        key: 'old:1',
        state: 'sending',
        messageId: '<fs.old1@acme.test>',
        mailboxId: 'mb1',
        attempt: 1,
        at: at + 3,
        committedAt: at + 3,
        sends: [at + 3],
        audit: { recipientKey: 'rk-old1', warnings: [] },
        draft: oldDraft,
      },
    ];
    await appendFile(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));

    const journal = await openJournal();
    expect(journal.get('old:0')).toMatchObject({ state: 'accepted', audit: { recipientKey: 'rk-old' } });
    expect(journal.sentSince('mb1', 0)).toBe(2);
    await followUpsOf(journal, audit).runPending();
    await reconcile({ journal, transportFor: async () => silent, audit, now: () => at + 10 });

    const events = audit.since(0);
    expect(events.map((e) => e.type)).toEqual(['send.sent', 'send.unknown']);
    expect(events[0]?.data).toMatchObject({
      key: 'old:0',
      recipientKey: 'rk-old',
      warnings: ['spam-phrase'],
    });
    for (const e of events) {
      expect(e.data).not.toHaveProperty('sequenceId');
      expect(e.data).not.toHaveProperty('stepId');
    }
    expect(journal.get('old:1')?.state).toBe('unknown'); // held for the rep, as before
  });

  it('an interrupted sequence send is held with its sequence named in the send.unknown event', async () => {
    const { audit, journal: openJournal } = await world();
    const journal = await openJournal();
    await journal.prepare('enr2:1', {
      mailboxId: 'mb1',
      messageId: '<fs.2@acme.test>',
      audit: { recipientKey: null, warnings: [], sequenceId: 'seq-intro', stepId: 'step-2' },
    });
    await journal.commit('enr2:1', { draft });
    await journal.close(); // the app stops mid-send

    const reopened = await openJournal();
    await reconcile({ journal: reopened, transportFor: async () => silent, audit, now: () => Date.now() });
    const [unknown] = audit.since(0);
    expect(unknown).toMatchObject({
      type: 'send.unknown',
      data: { key: 'enr2:1', why: 'interrupted', sequenceId: 'seq-intro', stepId: 'step-2' },
    });
  });
});
