import type { EditPlan, MoveGroup } from '../../../../shared/sequences/edit-plan';
import type { SequenceStep } from '../../db/sequences-repo';

const leads = (n: number) => (n === 1 ? '1 lead' : `${n.toLocaleString()} leads`);

/** One group's line: where its leads were due and where they go on, by step number as the rep sees them. */
export function moveLine(
  group: MoveGroup,
  before: readonly SequenceStep[],
  after: readonly SequenceStep[],
): string {
  const have = group.count === 1 ? 'has' : 'have';
  const had = group.from === 0 ? `${have} had no step yet` : `${have} had step ${group.from}`;
  if (group.to === null) return `${leads(group.count)} ${had}; no step is left for them, so they finish.`;
  const to = group.to;
  const nextId = after[to]?.id;
  const isNew = !before.some((s) => s.id === nextId);
  const was = `was step ${group.from + 1}`;
  const next =
    before[group.from]?.id === nextId
      ? `step ${to + 1} (${was})`
      : isNew
        ? `the new step ${to + 1}`
        : `step ${to + 1} (its next step ${was})`;
  return `${leads(group.count)} ${had}; after this change they get ${next} next.`;
}

/** Steps kept whose wording changed: their new text goes to whoever has not had them yet. */
function rewordedSteps(before: readonly SequenceStep[], after: readonly SequenceStep[]): number[] {
  const words = (s: SequenceStep) => JSON.stringify([s.subject, s.body, s.text, s.variants]);
  return after.flatMap((step, i) => {
    const old = before.find((s) => s.id === step.id);
    return old && words(old) !== words(step) ? [i + 1] : [];
  });
}

/**
 * What saving a running sequence does to its enrolled leads, shown before anything is written: sent steps
 * stay sent and each lead goes on at its next unsent step.
 */
export function EditConfirm({
  plan,
  before,
  after,
  busy,
  onConfirm,
  onCancel,
}: {
  plan: EditPlan;
  before: readonly SequenceStep[];
  after: readonly SequenceStep[];
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const reworded = rewordedSteps(before, after);
  const unmoved = plan.moves.length - plan.groups.reduce((n, g) => n + g.count, 0);
  return (
    <section
      className="warning edit-confirm"
      role="alertdialog"
      aria-label="What this change does to enrolled leads"
    >
      <p>
        {leads(plan.moves.length)} are in this sequence. Steps already sent stay sent; each lead goes on with
        its next unsent step.
      </p>
      <ul>
        {plan.groups.map((g) => (
          <li key={`${g.from}>${g.to}`}>{moveLine(g, before, after)}</li>
        ))}
        {plan.removedSent.length ? (
          <li>
            Removed {plan.removedSent.length === 1 ? 'step' : 'steps'}{' '}
            {plan.removedSent.map((i) => i + 1).join(', ')}: the leads who had it keep it as sent.
          </li>
        ) : null}
        {reworded.length ? (
          <li>The new wording of step {reworded.join(', ')} goes to the leads who have not had it yet.</li>
        ) : null}
        {unmoved > 0 && plan.groups.length ? <li>{leads(unmoved)} go on as planned.</li> : null}
        {!plan.groups.length && !reworded.length ? <li>No lead's next step changes.</li> : null}
      </ul>
      <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
        {busy ? 'Saving…' : 'Save the change'}
      </button>{' '}
      <button type="button" disabled={busy} onClick={onCancel}>
        Keep editing
      </button>
    </section>
  );
}
