import { describe, expect, it } from 'vitest';
import { type LiveEnrollment, planEdit } from './edit-plan';

const at = (step: number, status: LiveEnrollment['status'] = 'active', keyShift = 0): LiveEnrollment => ({
  id: `e${step}${status}${keyShift}`,
  step,
  status,
  keyShift,
});
const OLD = ['a', 'b', 'c', 'd'];

describe('planEdit: each enrollment continues at its next unsent step, by step id', () => {
  it('skips a removed step not yet sent, and the next one comes in its place', () => {
    const [move] = planEdit(OLD, ['a', 'b', 'd'], [at(2)]).moves;
    expect(move).toMatchObject({ from: 2, to: 2, keyShift: 0, status: 'active', changed: false });
  });

  it('keeps a removed sent step sent, and the next send takes a fresh key (never one main holds)', () => {
    const plan = planEdit(OLD, ['b', 'c', 'd'], [at(2)]);
    // had a and b; b is now at 0, so c (now 1) is next; its key number stays 2 (keys 0 and 1 are used)
    expect(plan.moves[0]).toMatchObject({ from: 2, to: 1, keyShift: 1, changed: true });
    expect(plan.removedSent).toEqual([0]);
    expect(plan.groups).toEqual([{ from: 2, to: 1, count: 1 }]);
  });

  it('sends a new step inserted before the next unsent one next', () => {
    const [move] = planEdit(OLD, ['a', 'b', 'n', 'c', 'd'], [at(2)]).moves;
    expect(move).toMatchObject({ to: 2, keyShift: 0 });
  });

  it('does not send a new step put before the steps already sent', () => {
    const [move] = planEdit(OLD, ['n', 'a', 'b', 'c', 'd'], [at(2)]).moves;
    expect(move).toMatchObject({ to: 3, keyShift: -1 });
    expect(move!.to! + move!.keyShift).toBe(2);
  });

  it('reorders by id: the next step is the one after the last step had, in the new order', () => {
    const plan = planEdit(OLD, ['a', 'c', 'b', 'd'], [at(1), at(2), at(0)]);
    expect(plan.moves.map((m) => m.to)).toEqual([1, 3, 0]);
    // c was moved before b, which the second lead had: c is passed, not sent after d
    expect(plan.moves[1]!.to! + plan.moves[1]!.keyShift).toBe(2);
  });

  it('finishes an enrollment with no step left after its last one', () => {
    const [move] = planEdit(OLD, ['a', 'b', 'c'], [at(3)]).moves;
    expect(move).toMatchObject({ to: null, status: 'finished', changed: true });
  });

  it('keeps a held step (fate unknown) with its key; one removed counts as had and the next key is used', () => {
    const kept = planEdit(OLD, ['x', 'a', 'b', 'c', 'd'], [at(1, 'held')]).moves[0]!;
    expect(kept).toMatchObject({ to: 2, status: 'held' });
    expect(kept.to! + kept.keyShift).toBe(1);
    const gone = planEdit(OLD, ['a', 'c', 'd'], [at(1, 'held')]).moves[0]!;
    expect(gone).toMatchObject({ to: 1, status: 'active' });
    expect(gone.to! + gone.keyShift).toBe(2);
  });

  it('never reuses a key across two edits in a row', () => {
    const first = planEdit(OLD, ['b', 'c', 'd'], [at(2)]).moves[0]!; // to 1, shift 1
    const second = planEdit(['b', 'c', 'd'], ['d'], [at(first.to!, 'active', first.keyShift)]).moves[0]!;
    expect(second.to).toBe(0);
    expect(second.to! + second.keyShift).toBe(2);
  });

  it('leaves untouched enrollments unchanged and out of the panel', () => {
    const plan = planEdit(OLD, [...OLD, 'e'], [at(0), at(3)]);
    expect(plan.moves.every((m) => !m.changed)).toBe(true);
    expect(plan.groups).toEqual([]);
  });
});
