/**
 * Editing a running sequence: where each live enrollment continues once its steps are added, removed or
 * reordered. Positions are mapped by step id, never by index: sent steps stay sent, and each enrollment goes on
 * at the first step after the last one it had (in the new order). A step put before that point, or one it
 * passed, is not sent to it. Send keys (`enrollmentId:n`, n counting the enrollment's sends) only grow, so a
 * removed step never lets a later one reuse the key main's journal already holds.
 */

export interface LiveEnrollment {
  id: string;
  /** the index of the step it sends next (for `held`, the step whose fate is unknown) */
  step: number;
  status: 'active' | 'paused' | 'held';
  /** send key number minus step index (0 until a sequence is edited under it) */
  keyShift: number;
}

export interface EnrollmentMove {
  id: string;
  /** the old index of its next step */
  from: number;
  /** the new index of its next step; null: nothing left, it is finished */
  to: number | null;
  keyShift: number;
  status: LiveEnrollment['status'] | 'finished';
  /** whether anything stored changes (an unchanged row is not written) */
  changed: boolean;
}

/** One line of the confirm panel: how many leads go from an old next step to a new one. */
export interface MoveGroup {
  from: number;
  to: number | null;
  count: number;
}

export interface EditPlan {
  moves: EnrollmentMove[];
  /** only groups whose position or finish changes, largest first */
  groups: MoveGroup[];
  /** old step indexes removed that some enrollment had already been sent: they stay sent */
  removedSent: number[];
}

export function planEdit(
  oldIds: readonly string[],
  newIds: readonly string[],
  enrollments: readonly LiveEnrollment[],
): EditPlan {
  const position = new Map(newIds.map((id, i) => [id, i]));
  const removedSent = new Set<number>();
  const moves = enrollments.map((e) => moveOf(e, oldIds, newIds.length, position, removedSent));
  const groups = new Map<string, MoveGroup>();
  for (const m of moves) {
    if (m.to === m.from && oldIds[m.from] === newIds[m.to ?? -1]) continue;
    const key = `${m.from}>${m.to}`;
    const group = groups.get(key) ?? { from: m.from, to: m.to, count: 0 };
    group.count++;
    groups.set(key, group);
  }
  return {
    moves,
    groups: [...groups.values()].sort((a, b) => b.count - a.count || a.from - b.from),
    removedSent: [...removedSent].sort((a, b) => a - b),
  };
}

function moveOf(
  e: LiveEnrollment,
  oldIds: readonly string[],
  newLength: number,
  position: ReadonlyMap<string, number>,
  removedSent: Set<number>,
): EnrollmentMove {
  const ordinal = e.step + e.keyShift;
  const heldAt = e.status === 'held' ? position.get(oldIds[e.step] ?? '') : undefined;
  // a held step still there keeps its key: main's journal is asked about it again, never a new send
  if (heldAt !== undefined) return result(e, heldAt, ordinal - heldAt, 'held');
  // a held step removed counts as had (it may have gone out): the next send takes the next key
  const had = oldIds.slice(0, e.status === 'held' ? e.step + 1 : e.step);
  let last = -1;
  had.forEach((id, i) => {
    const at = position.get(id);
    if (at === undefined) removedSent.add(i);
    else last = Math.max(last, at);
  });
  const nextOrdinal = e.status === 'held' ? ordinal + 1 : ordinal;
  const to = last + 1;
  if (to >= newLength) return result(e, null, e.keyShift, 'finished');
  return result(e, to, nextOrdinal - to, e.status === 'held' ? 'active' : e.status);
}

function result(
  e: LiveEnrollment,
  to: number | null,
  keyShift: number,
  status: EnrollmentMove['status'],
): EnrollmentMove {
  const changed = to !== e.step || keyShift !== e.keyShift || status !== e.status;
  return { id: e.id, from: e.step, to, keyShift, status, changed };
}
