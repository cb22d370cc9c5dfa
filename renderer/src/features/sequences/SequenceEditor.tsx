import { lazy, Suspense, useState } from 'react';
import type { SequenceFields } from '../../db/sequences-repo';
import { useApp } from '../../store';
import { EmptyState } from '../../ui/EmptyState';
import { EditConfirm } from './EditConfirm';
import { addStep, MAX_STEPS, moveStep, removeStep, updateStep } from './editor-steps';
import { PreviewPanel } from './PreviewPanel';
import { ScheduleSettings } from './ScheduleSettings';
import { STATUS_WORDS } from './SequenceList';
import { StepCard } from './StepCard';
import { type EditorData, useEditorData } from './use-editor-data';
import { type SequenceDraft, useSequenceDraft } from './use-sequence-draft';

// the forecast carries the planner and the results a chart: read when the rep opens one of them
const SequenceInsights = lazy(() =>
  import('./SequenceInsights').then((m) => ({ default: m.SequenceInsights })),
);

/**
 * One sequence's steps, schedule and preview, edited here and saved together once every template reads and
 * the schedule holds. Until saved, nothing the engine reads changes.
 */
export function SequenceEditor({ id }: { id: string }) {
  const go = useApp((s) => s.go);
  const data = useEditorData();
  const draft = useSequenceDraft(id, data.known);
  const [leaving, setLeaving] = useState(false);
  const { doc, fields } = draft;
  const back = () => go('sequences');

  if (doc === null)
    return (
      <div className="screen">
        <EmptyState title="This sequence is gone">
          It may have been removed in another window.{' '}
          <button type="button" className="link" onClick={back}>
            Back to sequences
          </button>
        </EmptyState>
      </div>
    );
  if (!doc || !fields) return <div className="screen" aria-busy="true" />;

  return (
    <div className="screen sequence-editor">
      <header className="screen-header">
        <button type="button" className="link" onClick={() => (draft.dirty ? setLeaving(true) : back())}>
          ← Sequences
        </button>
        <h1>{doc.name}</h1>
        <span className={`badge sequence-${doc.status}`}>{STATUS_WORDS[doc.status]}</span>
        <div className="header-actions">
          {draft.dirty ? <span className="muted">Unsaved changes</span> : null}
          <button
            type="button"
            className="primary"
            disabled={draft.busy || !draft.dirty}
            onClick={() => void draft.save()}
          >
            {draft.busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </header>
      {leaving ? (
        <div className="warning" role="alert">
          Leave without saving your changes?{' '}
          <button type="button" onClick={back}>
            Discard changes
          </button>{' '}
          <button type="button" onClick={() => setLeaving(false)}>
            Stay
          </button>
        </div>
      ) : null}
      {doc.status === 'active' || doc.status === 'paused' ? (
        <p className="muted">
          Leads already sent a step keep it; after you save, each goes on with its next unsent step.
        </p>
      ) : null}
      <SaveProblems draft={draft} />
      {draft.pending ? (
        <EditConfirm
          plan={draft.pending}
          before={doc.steps}
          after={fields.steps}
          busy={draft.busy}
          onConfirm={() => void draft.confirm()}
          onCancel={draft.cancel}
        />
      ) : null}
      <label className="field sequence-name">
        <span>Name</span>
        <input value={fields.name} maxLength={200} onChange={(e) => draft.set({ name: e.target.value })} />
      </label>
      <EditorBody fields={fields} set={draft.set} data={data} />
      <Suspense fallback={null}>
        <SequenceInsights sequence={doc} />
      </Suspense>
    </div>
  );
}

function SaveProblems({ draft }: { draft: SequenceDraft }) {
  if (!draft.shownProblems.length) return null;
  return (
    <div className="error save-problems" role="alert">
      <p>Fix these before saving:</p>
      <ul>
        {draft.shownProblems.map((p) => (
          <li key={`${p.where}:${p.message}`}>
            {p.where}: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function EditorBody({
  fields,
  set,
  data,
}: {
  fields: SequenceFields;
  set: SequenceDraft['set'];
  data: EditorData;
}) {
  const setSteps = (steps: SequenceFields['steps']) => set({ steps });
  return (
    <div className="editor-columns">
      <div className="editor-steps">
        {fields.steps.map((step, i) => (
          <StepCard
            key={step.id}
            step={step}
            index={i}
            count={fields.steps.length}
            known={data.known}
            customKeys={data.customKeys}
            onChange={(next) => setSteps(updateStep(fields.steps, i, next))}
            onMove={(by) => setSteps(moveStep(fields.steps, i, by))}
            onRemove={() => setSteps(removeStep(fields.steps, i))}
          />
        ))}
        <button
          type="button"
          disabled={fields.steps.length >= MAX_STEPS}
          onClick={() => setSteps(addStep(fields.steps))}
        >
          Add a step
        </button>
      </div>
      <div className="editor-side">
        <ScheduleSettings
          fields={fields}
          set={set}
          mailboxes={data.mailboxes}
          mailboxProblem={data.mailboxProblem}
        />
        <PreviewPanel
          steps={fields.steps}
          schedule={fields.schedule}
          mailboxIds={fields.mailboxIds}
          mailboxes={data.mailboxes}
          company={data.company}
        />
      </div>
    </div>
  );
}
