import { useEffect, useState } from 'react';
import type { SendPreview } from '../../../../../shared/ipc/send';
import { call } from '../../../bridge/client';
import { useServices } from '../../../services/use-services';
import { useApp } from '../../../store';
import { CodeDetails } from '../../../ui/CodeDetails';
import { Modal } from '../../../ui/Modal';
import { type TimelineEntry, timelineOf } from './timeline';
import type { WaitFix } from './wait-fixes';

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const STEP_STATUS: Record<string, string> = {
  sent: 'sent',
  sending: 'may have gone out (held for you in the Outbox)',
  failed: 'could not be sent',
  blocked: 'was held back by a check',
};

/** The lead's sequences in time order: enrolled, each step, the stop and why; a sent step opens its email. */
export function LeadTimeline({ leadId }: { leadId: string }) {
  const { enrollments, messages, sequences, db } = useServices();
  const [entries, setEntries] = useState<TimelineEntry[] | null>(null);
  const [open, setOpen] = useState<Extract<TimelineEntry, { kind: 'step' }> | null>(null);

  useEffect(() => {
    let live = true;
    async function load() {
      const [mine, sentToLead] = await Promise.all([
        enrollments.forLead(leadId),
        db.messages.find({ selector: { leadId } }).exec(),
      ]);
      const names = new Map<string, string>();
      for (const id of new Set(mine.map((e) => e.sequenceId)))
        names.set(id, (await sequences.get(id))?.name ?? 'A deleted sequence');
      const list = timelineOf(
        mine,
        sentToLead.map((m) => m.toMutableJSON()),
        (id) => names.get(id) ?? '',
      );
      if (live) setEntries(list);
    }
    void load();
    const offs = [enrollments.onChange(() => void load()), messages.onChange(() => void load())];
    return () => {
      live = false;
      for (const off of offs) off();
    };
  }, [leadId, enrollments, messages, sequences, db]);

  if (!entries?.length) return null;
  return (
    <section className="lead-timeline" aria-label="Sequence timeline">
      <h3>Sequences</h3>
      <ol>
        {entries.map((entry) => (
          <li key={entry.key}>
            <time dateTime={new Date(entry.at).toISOString()}>{WHEN.format(entry.at)}</time>{' '}
            <EntryWords entry={entry} onOpen={setOpen} />
          </li>
        ))}
      </ol>
      {open ? <SentStepDialog entry={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}

function EntryWords({
  entry,
  onOpen,
}: {
  entry: TimelineEntry;
  onOpen: (entry: Extract<TimelineEntry, { kind: 'step' }>) => void;
}) {
  switch (entry.kind) {
    case 'enrolled':
      return (
        <span>
          Added to “{entry.sequence}”. {entry.control ? <PauseButton entry={entry} /> : null}
        </span>
      );
    case 'step':
      return (
        <span>
          Step {entry.step + 1} {STEP_STATUS[entry.status] ?? entry.status}: “{entry.subject}”{' '}
          {entry.status === 'sent' ? (
            <button
              type="button"
              className="link"
              aria-label={`Open the email of step ${entry.step + 1}`}
              onClick={() => onOpen(entry)}
            >
              Open
            </button>
          ) : null}
          {entry.reason ? (
            <>
              {' '}
              {entry.reason.text} <CodeDetails code={entry.reason.code} />
            </>
          ) : null}
        </span>
      );
    case 'stopped':
      return (
        <span>
          Stopped in “{entry.sequence}”. {entry.text} <CodeDetails code={entry.code} />
        </span>
      );
    case 'finished':
      return <span>Finished “{entry.sequence}”: every step went out.</span>;
    case 'waiting':
      return (
        <span>
          Step {entry.step + 1} of “{entry.sequence}” {entry.text}.{' '}
          {entry.fix ? <WaitFixButton fix={entry.fix} /> : null} <CodeDetails code={entry.code} />
        </span>
      );
  }
}

/** Takes the rep to where the wait ends: the mailbox, the sequence or the Outbox. */
function WaitFixButton({ fix }: { fix: WaitFix }) {
  const go = useApp((s) => s.go);
  return (
    <button type="button" className="link" onClick={() => go(fix.area, fix.open)}>
      {fix.label}
    </button>
  );
}

/**
 * Pause or resume this lead's run of one sequence. A paused enrollment is never due (the engine reads active
 * and held ones) and the runner re-reads it right before a send; resuming makes its step due now.
 */
function PauseButton({ entry }: { entry: Extract<TimelineEntry, { kind: 'enrolled' }> }) {
  const { enrollments, engine } = useServices();
  const [busy, setBusy] = useState(false);
  const pause = entry.control === 'pause';
  async function toggle() {
    setBusy(true);
    try {
      if (pause) await enrollments.patch(entry.enrollmentId, { status: 'paused', waitReason: '' });
      else {
        await enrollments.patch(entry.enrollmentId, {
          status: 'active',
          nextSendAt: Date.now(),
          waitReason: '',
        });
        engine.wake();
      }
    } finally {
      setBusy(false);
    }
  }
  return (
    <button
      type="button"
      className="link"
      disabled={busy}
      aria-label={`${pause ? 'Pause' : 'Resume'} “${entry.sequence}” for this lead`}
      onClick={() => void toggle()}
    >
      {pause ? 'Pause' : 'Resume'}
    </button>
  );
}

/** A sent step: its subject, time and Message-ID, and the email as the gate builds it for this lead. */
function SentStepDialog({
  entry,
  onClose,
}: {
  entry: Extract<TimelineEntry, { kind: 'step' }>;
  onClose: () => void;
}) {
  const { engine, messages } = useServices();
  const [preview, setPreview] = useState<SendPreview | null | 'none'>(null);
  const [messageId, setMessageId] = useState('');

  useEffect(() => {
    const [enrollmentId = '', step = '0'] = entry.messageKey.split(':');
    void messages
      .byKeys([entry.messageKey])
      .then((found) => setMessageId(found.get(entry.messageKey)?.messageId ?? ''));
    void engine.draftFor(enrollmentId, Number(step)).then(async (draft) => {
      if (!draft) return setPreview('none');
      const answer = await call('send.preview', draft);
      setPreview(answer.ok ? answer.value : 'none');
    });
  }, [entry, engine, messages]);

  return (
    <Modal title={`Step ${entry.step + 1}: ${entry.subject}`} onClose={onClose} className="sent-step-dialog">
      <dl className="facts">
        <dt>Sent</dt>
        <dd>{WHEN.format(entry.at)}</dd>
        <dt>Message-ID</dt>
        <dd>
          <code data-testid="sent-message-id">{messageId || 'not recorded'}</code>
        </dd>
      </dl>
      {preview === null ? <p className="muted">Loading the email…</p> : null}
      {preview === 'none' ? (
        <p className="muted">
          The email’s text is not kept, and this step can no longer be shown for this lead.
        </p>
      ) : null}
      {preview && preview !== 'none' && preview.message ? (
        <>
          <p className="muted">The text is not kept; this is the step as it renders for this lead.</p>
          <pre className="sent-step-text">{preview.message.text}</pre>
        </>
      ) : null}
      <div className="form-footer">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
