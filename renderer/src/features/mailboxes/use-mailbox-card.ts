import { useState } from 'react';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { Result } from '../../../../shared/ipc/result';
import { call } from '../../bridge/client';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { bridgeProblem } from '../../ui/bridge-problem';
import { wakeLeadsOf } from './MailboxPause';
import { type SelfTestOutcome, sendSelfTest } from './self-test';

/** Runs one of the card's actions at a time; a refusal is said in a toast and answers null. */
export type RunAction = <T>(label: string, work: () => Promise<Result<T>>) => Promise<T | null>;

/**
 * The work behind a mailbox card's buttons, one action at a time: test the connection, send a test to
 * myself, resume sending after the breaker. `onChanged` gets the mailbox as main now has it; `onHealth` is
 * told when today's count or the breaker changed.
 */
export function useMailboxCard(
  mailbox: MailboxInfo,
  { onChanged, onHealth }: { onChanged: (m: MailboxInfo) => void; onHealth: () => void },
) {
  const notify = useApp((s) => s.notify);
  const services = useServices();
  const [busy, setBusy] = useState('');
  const [selfTest, setSelfTest] = useState<SelfTestOutcome | null>(null);

  const run: RunAction = async (label, work) => {
    setBusy(label);
    const result = await work();
    setBusy('');
    if (!result.ok)
      notify(
        'error',
        bridgeProblem(result.error, { displayName: 'Name recipients see', signature: 'Signature' }).text,
      );
    return result.ok ? result.value : null;
  };

  /** Checks the connection and login again; `done` is what a pass means to the rep. */
  async function testConnection(done = 'The connection and login work.') {
    const next = await run('test', () => call('mailboxes.test', { id: mailbox.id }));
    if (next) {
      onChanged(next);
      notify(next.lastError ? 'error' : 'success', next.lastError ?? done);
    }
  }

  async function testToMyself() {
    setBusy('selftest');
    setSelfTest(await sendSelfTest(mailbox));
    setBusy('');
    onHealth();
  }

  /** After the breaker stopped the mailbox: sending resumes, and the leads waiting on it go again. */
  async function resume() {
    if ((await run('resume', () => call('mailboxes.resume', { id: mailbox.id }))) !== null) {
      notify('success', 'Sending resumed. The breaker counts afresh from now.');
      onHealth();
      await wakeLeadsOf(mailbox.id, services);
      services.engine.wake();
    }
  }

  return { busy, run, selfTest, testConnection, testToMyself, resume };
}
