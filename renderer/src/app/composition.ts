import { createAuditLog } from '../bridge/audit';
import type { CallBridge } from '../bridge/client';
import { createInboxSync } from '../bridge/inbox';
import { createAuditMirror } from '../db/audit-mirror';
import type { FairsendDatabase } from '../db/database';
import type { SuppressionKind } from '../db/dnc-csv';
import { createDraftsRepo } from '../db/drafts-repo';
import { createEnrollmentsRepo } from '../db/enrollments-repo';
import { createInboxApplier } from '../db/inbox-applier';
import { createLeadLists } from '../db/lead-list';
import { createLeadSuppression } from '../db/lead-suppression';
import { createLeadsRepo } from '../db/leads-repo';
import { createMessagesRepo } from '../db/messages-repo';
import { createScheduledMessages } from '../db/scheduled-messages';
import { createSequencesRepo } from '../db/sequences-repo';
import { createSuppressionRepo } from '../db/suppression-repo';
import { startSuppressionSync } from '../db/suppression-sync';
import { teamPending } from '../db/team-pending';
import { startTeamSync } from '../db/team-sync';
import { lazySequenceEngine } from '../engine/lazy-engine';
import { createScheduledSender } from '../scheduler/scheduled-sender';
import { windowLock } from '../scheduler/window-lock';
import type { AppServices } from '../services/app-services';
import { refusal } from '../ui/bridge-problem';

/**
 * The renderer's composition root: every repository, every main-facing service and every piece of background
 * work is built here, once, when the database is open. `open-app.ts` calls it and `start()`s it when the browser is
 * idle; `WithServices.tsx` hands `services` to the screens through <ServicesProvider>. Nothing under features/ constructs a
 * repository or starts a timer.
 * Tests build it with an in-memory database and a stand-in for `call`.
 */
export interface Composition {
  services: AppServices;
  /** Starts the background work (below). Calling it again does nothing. */
  start(): void;
  /** Stops every timer and subscription, and waits for runs already under way. */
  stop(): Promise<void>;
}

export interface CompositionDeps {
  db: FairsendDatabase;
  call: CallBridge;
  /** a toast for the rep (trouble that keeps sends waiting, and its recovery) */
  notify(tone: 'error' | 'success', text: string): void;
  timing?: Partial<typeof DEFAULT_TIMING>;
}

const DEFAULT_TIMING = {
  /** A slow safety net: the UI mirrors right after each send or audited change anyway. */
  auditMirrorMs: 60_000,
  /** Main checks the inboxes every few minutes; this picks up what it found. */
  inboxApplyMs: 60_000,
};

/** Runs `task` now and then every `ms`; the returned stop waits for a run under way. */
function repeat(task: () => Promise<void>, ms: number): () => Promise<void> {
  let running = task();
  const timer = setInterval(() => {
    running = task();
  }, ms);
  return () => {
    clearInterval(timer);
    return running;
  };
}

export function composeApp({ db, call, notify, timing }: CompositionDeps): Composition {
  const every = { ...DEFAULT_TIMING, ...timing };

  // Repositories: one of each for the window.
  const leads = createLeadsRepo(db);
  const leadLists = createLeadLists(db, leads);
  const messages = createMessagesRepo(db);
  const drafts = createDraftsRepo(db);
  const sequences = createSequencesRepo(db);
  const audit = createAuditLog(
    call,
    createAuditMirror(db, {
      since: (seq, limit) => call('audit.since', { seq, limit }),
      onProblem: (message) => notify('error', message),
    }),
  );
  const keys = async (kind: SuppressionKind, values: string[]) => {
    const result = await call('suppression.keys', { kind, values });
    if (!result.ok) throw refusal(result.error);
    return result.value;
  };
  const suppression = createSuppressionRepo(db, { keys, record: audit.record });
  // each lead's suppression flag (the Leads badge and filter) follows the list and new leads
  const leadSuppression = createLeadSuppression(db, leads, {
    keys,
    onProblem: (message) => console.warn('suppression flags not updated:', message),
  });
  const inbox = createInboxSync(
    call,
    createInboxApplier(db, {
      since: (seq, limit) => call('inbox.since', { seq, limit }),
      suppression,
      leads,
    }),
  );

  // scheduled one-offs go out through send.message when due; one window at a time sends them
  const scheduled = createScheduledSender({
    store: createScheduledMessages(db),
    messages,
    leads,
    audit,
    send: (key, draft) => call('send.message', { key, draft }),
    lock: windowLock('fairsend.scheduled-sends'),
  });

  // sequences go out step by step at their planned times; one window at a time runs the engine
  const enrollments = createEnrollmentsRepo(db);
  const engine = lazySequenceEngine({
    load: async () =>
      (await import('../engine/compose-engine')).composeSequenceEngine({
        db,
        call,
        enrollments,
        sequences,
        leads,
        messages,
        inbox,
      }),
    anyWaiting: async () => (await enrollments.nextDueAt()) !== null,
  });

  /** Work that runs for the window's whole life; each entry starts one job and returns how to stop it. */
  const background: Record<string, () => () => Promise<void> | void> = {
    // main's suppression index follows the `suppression` collection; main holds every send until it is full
    'suppression sync': () =>
      startSuppressionSync(db, {
        apply: (delta) => call('suppression.apply', delta),
        onTrouble: (message) => notify('error', message),
        onRecovered: () => notify('success', 'The suppression list is loaded; sending can go ahead.'),
      }).stop,
    // main's audit events copied into the `audit` collection, from where replication carries them
    'audit mirror': () => repeat(audit.mirror, every.auditMirrorMs),
    // the Leads screen's suppression badge and filter
    'lead suppression flags': () => leadSuppression.start().stop,
    // bounces, opt-outs, complaints and replies main's inbox watcher found
    'inbox events': () => repeat(inbox.apply, every.inboxApplyMs),
    // suppression, audit and team settings with the team server (through main), while this computer is in a team
    'team sync': () =>
      startTeamSync({
        db,
        call,
        onProblem: (message) => console.warn('team sync:', message),
        onPending: teamPending.set,
      }).stop,
    'scheduled sends': () => scheduled.start(),
    'sequence engine': () => engine.start(),
  };

  let stops: (() => Promise<void> | void)[] | null = null;
  return {
    services: {
      db,
      leads,
      leadLists,
      suppression,
      leadSuppression,
      messages,
      scheduled,
      drafts,
      audit,
      inbox,
      sequences,
      enrollments,
      engine,
    },
    start() {
      stops ??= Object.values(background).map((startJob) => startJob());
    },
    async stop() {
      const running = stops ?? [];
      stops = null;
      await Promise.all(running.map((stopJob) => stopJob()));
    },
  };
}
