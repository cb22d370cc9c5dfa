import { useEffect, useMemo, useState } from 'react';
import type { SequenceDoc } from '../../db/schemas/outreach';
import type { SequenceFields } from '../../db/sequences-repo';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { thrownProblem } from '../../ui/bridge-problem';
import { EmptyState } from '../../ui/EmptyState';
import { sequenceProblems } from './editor-checks';
import { addStep, MAX_STEPS, moveStep, removeStep, updateStep } from './editor-steps';
import { PreviewPanel } from './PreviewPanel';
import { ScheduleSettings } from './ScheduleSettings';
import { STATUS_WORDS } from './SequenceList';
import { StepCard } from './StepCard';
import { useEditorData } from './use-editor-data';

const fieldsOf = ({ name, steps, mailboxIds, schedule, dailyLimit, stopCompanyOnReply }: SequenceDoc) => ({
  name,
  steps,
  mailboxIds,
  schedule,
  dailyLimit,
  stopCompanyOnReply,
});

/**
 * One sequence's steps, schedule and preview, edited here and saved together once every template reads and
 * the schedule holds. Until saved, nothing the engine reads changes.
 */
export function SequenceEditor({ id }: { id: string }) {
  const { sequences } = useServices();
  const go = useApp((s) => s.go);
  const notify = useApp((s) => s.notify);
  const data = useEditorData();
  const [doc, setDoc] = useState<SequenceDoc | null | undefined>(undefined);
  const [fields, setFields] = useState<SequenceFields | null>(null);
  const [dirty, setDirty] = useState(false);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [leaving, setLeaving] = useState(false);

  useEffect(() => {
    let live = true;
    void sequences.get(id).then((found) => {
      if (!live) return;
      setDoc(found);
      if (found) setFields(fieldsOf(found));
    });
    return () => {
      live = false;
    };
  }, [sequences, id]);

  const problems = useMemo(() => (fields ? sequenceProblems(fields, data.known) : []), [fields, data.known]);
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

  const set = (patch: Partial<SequenceFields>) => {
    setFields((f) => (f ? { ...f, ...patch } : f));
    setDirty(true);
  };
  const setSteps = (steps: SequenceFields['steps']) => set({ steps });

  async function save() {
    if (!fields) return;
    setTried(true);
    if (problems.length) return;
    setBusy(true);
    try {
      const saved = await sequences.update(id, fields);
      setDoc(saved);
      setFields(fieldsOf(saved));
      setDirty(false);
      setTried(false);
      notify('success', `Saved “${saved.name}”.`);
    } catch (error) {
      notify('error', thrownProblem(error, 'The sequence could not be saved. Try again.').text);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="screen sequence-editor">
      <header className="screen-header">
        <button type="button" className="link" onClick={() => (dirty ? setLeaving(true) : back())}>
          ← Sequences
        </button>
        <h1>{doc.name}</h1>
        <span className={`badge sequence-${doc.status}`}>{STATUS_WORDS[doc.status]}</span>
        <div className="header-actions">
          {dirty ? <span className="muted">Unsaved changes</span> : null}
          <button type="button" className="primary" disabled={busy || !dirty} onClick={() => void save()}>
            {busy ? 'Saving…' : 'Save'}
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
      {tried && problems.length ? (
        <div className="error save-problems" role="alert">
          <p>Fix these before saving:</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.where}:${p.message}`}>
                {p.where}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <label className="field sequence-name">
        <span>Name</span>
        <input value={fields.name} maxLength={200} onChange={(e) => set({ name: e.target.value })} />
      </label>
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
    </div>
  );
}
