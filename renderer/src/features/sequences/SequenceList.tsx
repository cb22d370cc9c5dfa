import { lazy, Suspense, useEffect, useState } from 'react';
import type { SequenceDoc } from '../../db/schemas/outreach';
import type { SequenceStatus } from '../../db/sequences-repo';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { PLACE_PARAMS } from '../../store/address';
import { thrownProblem } from '../../ui/bridge-problem';
import { EmptyState } from '../../ui/EmptyState';
import { RenameDialog } from './RenameDialog';
import { NO_COUNTS, replyRate, type SequenceCounts } from './sequence-counts';
import { useSequenceCounts } from './use-sequence-counts';

// the forecast carries the planner (with every country's holidays): read when the rep asks for it
const ForecastPanel = lazy(() => import('./ForecastPanel').then((m) => ({ default: m.ForecastPanel })));

export const STATUS_WORDS: Record<SequenceStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  paused: 'Paused',
  archived: 'Archived',
};

const COLUMNS = ['Name', 'Status', 'Steps', 'Enrolled', 'Active', 'Finished', 'Replied', 'Reply rate'];

/** Every sequence with where its leads are; create, open, duplicate, rename, pause or resume, archive. */
export function SequenceList() {
  const { db, sequences } = useServices();
  const go = useApp((s) => s.go);
  const notify = useApp((s) => s.notify);
  const [all, setAll] = useState<SequenceDoc[] | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [renaming, setRenaming] = useState<SequenceDoc | null>(null);
  const [forecasting, setForecasting] = useState(false);
  useEffect(() => sequences.watchAll(setAll), [sequences]);

  const shown = (all ?? []).filter((s) => showArchived || s.status !== 'archived');
  const archived = (all ?? []).length - (all ?? []).filter((s) => s.status !== 'archived').length;
  const counts = useSequenceCounts(
    db,
    shown.map((s) => s.id),
  );
  const open = (id: string) => go('sequences', { [PLACE_PARAMS.sequence]: id });

  const act: Act = (what, failed, done) => {
    void what().then(
      () => done && notify('success', done),
      (error) => notify('error', thrownProblem(error, failed).text),
    );
  };

  const create = () =>
    act(
      async () => open((await sequences.create({ name: 'New sequence' })).id),
      'The sequence could not be made.',
    );

  return (
    <div className="screen sequences">
      <header className="screen-header">
        <h1>Sequences</h1>
        <div className="header-actions">
          {archived ? (
            <label>
              <input
                type="checkbox"
                checked={showArchived}
                onChange={(e) => setShowArchived(e.target.checked)}
              />
              Show archived ({archived})
            </label>
          ) : null}
          <button type="button" className="primary" onClick={create}>
            New sequence
          </button>
        </div>
      </header>
      {all && !shown.length ? (
        <EmptyState title={all.length ? 'Every sequence is archived' : 'No sequences yet'}>
          A sequence sends a series of emails with business-day waits between them, each follow-up a reply in
          the same thread, and stops for a lead who replies, bounces or opts out. Start with New sequence.
        </EmptyState>
      ) : null}
      {shown.length ? (
        <SequenceTable shown={shown} counts={counts} open={open} onRename={setRenaming} act={act} />
      ) : null}
      <AllForecast all={all ?? []} shown={forecasting} onShow={() => setForecasting(true)} />
      {renaming ? (
        <RenameDialog
          name={renaming.name}
          onRename={(name) => sequences.rename(renaming.id, name)}
          onClose={() => setRenaming(null)}
        />
      ) : null}
    </div>
  );
}

/** The next 14 days of every active sequence, worked out when the rep asks. */
function AllForecast({ all, shown, onShow }: { all: SequenceDoc[]; shown: boolean; onShow: () => void }) {
  const active = all.filter((s) => s.status === 'active');
  if (!active.length) return null;
  if (!shown)
    return (
      <button type="button" onClick={onShow}>
        Forecast the next 14 days
      </button>
    );
  return (
    <Suspense fallback={<p className="muted">Working out the next 14 days…</p>}>
      <ForecastPanel sequences={active} />
    </Suspense>
  );
}

type Act = (what: () => Promise<unknown>, failed: string, done?: string) => void;

function SequenceTable({
  shown,
  counts,
  open,
  onRename,
  act,
}: {
  shown: SequenceDoc[];
  counts: Map<string, SequenceCounts>;
  open: (id: string) => void;
  onRename: (sequence: SequenceDoc) => void;
  act: Act;
}) {
  return (
    <table className="outbox-table sequence-table" aria-label="Sequences">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
          <th scope="col" aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {shown.map((s) => {
          const c = counts.get(s.id) ?? NO_COUNTS;
          return (
            <tr key={s.id} aria-label={s.name}>
              <td>
                <button type="button" className="link" onClick={() => open(s.id)}>
                  {s.name}
                </button>
              </td>
              <td>
                <span className={`badge sequence-${s.status}`}>{STATUS_WORDS[s.status]}</span>
              </td>
              {[s.steps.length, c.enrolled, c.active, c.finished, c.replied].map((n, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed; their place is the key.
                <td key={k}>{n.toLocaleString()}</td>
              ))}
              <td>{replyRate(c)}</td>
              <td className="row-actions">
                <RowActions sequence={s} onRename={() => onRename(s)} act={act} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function RowActions({
  sequence: s,
  onRename,
  act,
}: {
  sequence: SequenceDoc;
  onRename: () => void;
  act: Act;
}) {
  const { sequences, enrollments, engine } = useServices();
  const label = (verb: string) => `${verb} ${s.name}`;
  // resumed: the leads the pause parked are due now, and the engine looks at once
  const resume = async () => {
    await sequences.setStatus(s.id, 'active');
    await enrollments.wakeSequence(s.id);
    engine.wake();
  };
  return (
    <>
      <button
        type="button"
        aria-label={label('Duplicate')}
        onClick={() =>
          act(
            () => sequences.duplicate(s.id),
            'The sequence could not be copied.',
            `Copied “${s.name}” as a draft.`,
          )
        }
      >
        Duplicate
      </button>
      <button type="button" aria-label={label('Rename')} onClick={onRename}>
        Rename
      </button>
      {s.status === 'active' || s.status === 'paused' ? (
        <button
          type="button"
          aria-label={label(s.status === 'active' ? 'Pause' : 'Resume')}
          onClick={() =>
            act(
              () => (s.status === 'active' ? sequences.setStatus(s.id, 'paused') : resume()),
              'The sequence could not be changed.',
            )
          }
        >
          {s.status === 'active' ? 'Pause' : 'Resume'}
        </button>
      ) : null}
      {s.status === 'archived' ? (
        <button
          type="button"
          aria-label={label('Restore')}
          onClick={() => act(() => sequences.setStatus(s.id, 'draft'), 'The sequence could not be restored.')}
        >
          Restore
        </button>
      ) : (
        <button
          type="button"
          aria-label={label('Archive')}
          onClick={() =>
            act(() => sequences.archive(s.id), 'The sequence could not be archived.', `Archived “${s.name}”.`)
          }
        >
          Archive
        </button>
      )}
    </>
  );
}
