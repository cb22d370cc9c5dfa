/**
 * A pure one-argument function with its latest answers remembered, for hot paths that see the same inputs
 * again and again (a send list's recipients share a few hundred domains; one send checks its recipient's
 * address several times). Bounded by generations: when the current one holds `limit` answers it becomes the
 * previous one and the one before is dropped whole, so memory stays under two generations and no eviction walks
 * a Map (dropping a Map's oldest entry one at a time is slow in V8). An answer still asked for moves forward.
 * Answers are shared between callers: they must not be mutated.
 */
export function boundedMemo<A, R>(fn: (arg: A) => R, limit: number): (arg: A) => R {
  let current = new Map<A, R>();
  let previous = new Map<A, R>();
  const remember = (arg: A, answer: R): R => {
    if (current.size >= limit) {
      previous = current;
      current = new Map();
    }
    current.set(arg, answer);
    return answer;
  };
  return (arg) => {
    const known = current.get(arg);
    if (known !== undefined || current.has(arg)) return known as R;
    const older = previous.get(arg);
    if (older !== undefined || previous.has(arg)) return remember(arg, older as R);
    return remember(arg, fn(arg));
  };
}
