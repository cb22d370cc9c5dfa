/**
 * Failed attempts per client (token or invite guesses): after `max` failures in `windowMs`, every attempt from
 * that client is refused until the window ends, valid or not, so a guess that happens to be right gains nothing.
 * In memory, per instance (behind a load balancer each instance counts its own).
 */
export interface AttemptLimiter {
  /** ms until the client may try again, or 0 when it may now */
  blockedFor(client: string): number;
  failed(client: string): void;
}

export function createAttemptLimiter(options: {
  max: number;
  windowMs: number;
  now?: () => number;
  /** clients remembered at most; the oldest are forgotten first */
  capacity?: number;
}): AttemptLimiter {
  const now = options.now ?? Date.now;
  const capacity = options.capacity ?? 100_000;
  const failures = new Map<string, { count: number; resetAt: number }>();

  const current = (client: string) => {
    const entry = failures.get(client);
    if (entry && entry.resetAt <= now()) {
      failures.delete(client);
      return undefined;
    }
    return entry;
  };

  return {
    blockedFor(client) {
      const entry = current(client);
      return entry && entry.count >= options.max ? entry.resetAt - now() : 0;
    },
    failed(client) {
      const entry = current(client);
      if (entry) {
        entry.count += 1;
        return;
      }
      if (failures.size >= capacity) {
        const oldest = failures.keys().next().value;
        if (oldest !== undefined) failures.delete(oldest);
      }
      failures.set(client, { count: 1, resetAt: now() + options.windowMs });
    },
  };
}
