import { useEffect, useMemo, useState } from 'react';
import type { EditPlan } from '../../../../shared/sequences/edit-plan';
import type { SequenceDoc } from '../../db/schemas/outreach';
import type { SequenceFields } from '../../db/sequences-repo';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { thrownProblem } from '../../ui/bridge-problem';
import { type SequenceProblem, sequenceProblems } from './editor-checks';

const fieldsOf = ({ name, steps, mailboxIds, schedule, dailyLimit, stopCompanyOnReply }: SequenceDoc) => ({
  name,
  steps,
  mailboxIds,
  schedule,
  dailyLimit,
  stopCompanyOnReply,
});

export interface SequenceDraft {
  /** undefined while loading, null when there is no such sequence */
  doc: SequenceDoc | null | undefined;
  fields: SequenceFields | null;
  dirty: boolean;
  busy: boolean;
  /** what keeps it from saving, once the rep has tried to save (then kept live as they fix it) */
  shownProblems: SequenceProblem[];
  set(patch: Partial<SequenceFields>): void;
  save(): Promise<void>;
  /** a running sequence's save waits here: what it does to enrolled leads, shown before it is written */
  pending: EditPlan | null;
  confirm(): Promise<void>;
  cancel(): void;
}

const isRunning = (doc: SequenceDoc | null | undefined): doc is SequenceDoc =>
  doc?.status === 'active' || doc?.status === 'paused';

/** The sequence as the rep edits it: read once, changed here, written whole by `save` when it reads. */
export function useSequenceDraft(id: string, known: readonly string[]): SequenceDraft {
  const { sequences, enrollments } = useServices();
  const notify = useApp((s) => s.notify);
  const [doc, setDoc] = useState<SequenceDoc | null | undefined>(undefined);
  const [fields, setFields] = useState<SequenceFields | null>(null);
  const [dirty, setDirty] = useState(false);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<EditPlan | null>(null);

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

  // closing or reloading the window with unsaved edits asks first (the browser's own question)
  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  const problems = useMemo(() => (fields ? sequenceProblems(fields, known) : []), [fields, known]);

  const planFor = (from: SequenceDoc, to: SequenceFields) =>
    enrollments.planEdit(
      from.id,
      from.steps.map((step) => step.id),
      to.steps.map((step) => step.id),
    );

  async function save() {
    if (!fields) return;
    setTried(true);
    if (problems.length) return;
    if (isRunning(doc)) {
      // leads are enrolled: the rep sees where each goes on before anything is written
      const plan = await planFor(doc, fields).catch(() => null);
      if (plan?.moves.length) return setPending(plan);
    }
    await write();
  }

  async function write() {
    if (!fields) return;
    setBusy(true);
    try {
      // planned again at the write: the engine may have moved leads on while the panel was open
      const plan = isRunning(doc) ? await planFor(doc, fields) : null;
      const saved = await sequences.update(id, fields);
      if (plan) await enrollments.applyEdit(plan);
      setDoc(saved);
      setFields(fieldsOf(saved));
      setDirty(false);
      setTried(false);
      setPending(null);
      notify('success', `Saved “${saved.name}”.`);
    } catch (error) {
      notify('error', thrownProblem(error, 'The sequence could not be saved. Try again.').text);
    } finally {
      setBusy(false);
    }
  }

  return {
    doc,
    fields,
    dirty,
    busy,
    shownProblems: tried ? problems : [],
    set(patch) {
      setFields((f) => (f ? { ...f, ...patch } : f));
      setDirty(true);
      // the panel described the edit before this one: it is shown again, afresh, at the next Save
      setPending(null);
    },
    save,
    pending,
    confirm: write,
    cancel: () => setPending(null),
  };
}
