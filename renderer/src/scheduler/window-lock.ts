/** Runs `task` while holding the lock; tasks under the same lock never overlap. */
export type Lock = <T>(task: () => Promise<T>) => Promise<T>;

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * A lock shared by every window of this app (the Web Locks API, one origin): two windows never run the same
 * kind of work at once. Where the API is missing (a test runtime), a queue within this window.
 */
export function windowLock(name: string): Lock {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (locks) return (task) => locks.request(name, task);
  let chain: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = chain.then(task);
    chain = run.catch(() => undefined);
    return run;
  };
}
