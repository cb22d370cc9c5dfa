import { useCallback, useEffect, useState } from 'react';
import type { AuditStatus } from '../../../../shared/ipc/audit';
import { call } from '../../bridge/client';

/** Often enough to notice an unlock elsewhere in the window; the call is a read of main's memory. */
const CHECK_EVERY_MS = 15_000;

/** Main's audit log status, checked on mount and every few seconds; null until the first answer. */
export function useAuditStatus(): { status: AuditStatus | null; refresh: () => Promise<void> } {
  const [status, setStatus] = useState<AuditStatus | null>(null);
  const refresh = useCallback(async () => {
    const result = await call('audit.status', {});
    // An unreachable host is shown elsewhere; keep the last answer rather than guess.
    if (result.ok) setStatus(result.value);
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return { status, refresh };
}
