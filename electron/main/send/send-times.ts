/**
 * Each mailbox's send times, sorted, for today's count (caps) and the rolling window (breakers). Derived from
 * the journal and kept beside it, so the counters can never disagree with what the journal says was sent.
 */
export function createSendTimes() {
  const byMailbox = new Map<string, number[]>();

  /** the first index whose time is >= at */
  const lowerBound = (times: number[], at: number) => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((times[mid] ?? 0) < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    add(mailboxId: string, at: number) {
      const times = byMailbox.get(mailboxId) ?? [];
      times.splice(lowerBound(times, at + 1), 0, at);
      byMailbox.set(mailboxId, times);
    },
    remove(mailboxId: string, at: number) {
      const times = byMailbox.get(mailboxId);
      if (!times) return;
      const i = lowerBound(times, at);
      if (times[i] === at) times.splice(i, 1);
    },
    countSince(mailboxId: string, since: number): number {
      const times = byMailbox.get(mailboxId) ?? [];
      return times.length - lowerBound(times, since);
    },
    all(mailboxId: string): readonly number[] {
      return byMailbox.get(mailboxId) ?? [];
    },
  };
}

export type SendTimes = ReturnType<typeof createSendTimes>;
