import type { CallBridge } from '../bridge/client';
import type { InboxSync } from '../bridge/inbox';
import { createCompanyStop } from '../db/company-stop';
import type { FairsendDatabase } from '../db/database';
import type { EnrollmentsRepo } from '../db/enrollments-repo';
import type { LeadsRepo } from '../db/leads-repo';
import type { MessagesRepo } from '../db/messages-repo';
import type { SequencesRepo } from '../db/sequences-repo';
import { windowLock } from '../scheduler/window-lock';
import { engineDayStore } from './engine-day';
import { createSequenceRunner } from './sequence-runner';

/** The inbox is read afresh right before a send, at most this often (main reads every mailbox each time). */
const INBOX_CHECK_MS = 60_000;

export interface EngineDeps {
  db: FairsendDatabase;
  call: CallBridge;
  enrollments: EnrollmentsRepo;
  sequences: SequencesRepo;
  leads: LeadsRepo;
  messages: MessagesRepo;
  inbox: InboxSync;
}

/** The sequence runner wired to main (through the bridge) and this window's repositories. */
export function composeSequenceEngine({ db, call, inbox, ...repos }: EngineDeps) {
  let inboxCheckedAt = 0;
  return createSequenceRunner({
    ...repos,
    send: (key, draft) => call('send.message', { key, draft }),
    companyStop: createCompanyStop(db),
    async mailboxes() {
      const [list, health] = await Promise.all([call('mailboxes.list', {}), call('mailboxes.health', {})]);
      if (!list.ok) throw new Error(list.error.message);
      return { list: list.value, health: health.ok ? health.value : [] };
    },
    // "Pause all sending" is main's; a window that cannot ask leaves the decision to the gate
    async sendingPaused() {
      const state = await call('sending.state', {});
      return state.ok && state.value.paused;
    },
    async company() {
      const profile = await call('settings.getProfile', {});
      return profile.ok ? (profile.value?.company ?? '') : '';
    },
    // a reply that arrived since the watcher's last round must stop the lead before this send, not after
    async beforeSend() {
      if (Date.now() - inboxCheckedAt < INBOX_CHECK_MS) return inbox.apply();
      inboxCheckedAt = Date.now();
      await inbox.checkNow();
      // once more: the apply inside checkNow may have joined a run that began before main read the inbox
      await inbox.apply();
    },
    day: engineDayStore(db),
    lock: windowLock('fairsend.sequence-engine'),
  });
}
