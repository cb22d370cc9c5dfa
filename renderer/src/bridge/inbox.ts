import type { InboxCheckSummary } from '../../../shared/ipc/inbox';
import type { Result } from '../../../shared/ipc/result';
import type { CallBridge } from './client';

/** The renderer's side of main's inbox watcher: main reads the inboxes, this applies what it found. */
export interface InboxSync {
  /** Applies main's inbox events (bounces, opt-outs, complaints, replies) now. Failures wait for the next run. */
  apply(): Promise<void>;
  /** "Check inbox now": main reads every mailbox, then what it found is applied here before answering. */
  checkNow(): Promise<Result<InboxCheckSummary>>;
}

/** `applier` is the inbox applier (renderer/src/db/inbox-applier.ts), passed in to keep this free of the database. */
export function createInboxSync(call: CallBridge, applier: { apply(): Promise<unknown> }): InboxSync {
  async function apply(): Promise<void> {
    try {
      await applier.apply();
    } catch (error) {
      console.warn(
        'Inbox events will be applied on the next run:',
        error instanceof Error ? error.message : error,
      );
    }
  }
  return {
    apply,
    async checkNow() {
      const result = await call('inbox.check', {});
      if (result.ok) await apply();
      return result;
    },
  };
}
