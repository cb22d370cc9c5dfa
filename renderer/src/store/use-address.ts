import { useMemo, useSyncExternalStore } from 'react';
import { readAddress } from './address';

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** What the address asks the current screen to open (`#/mailboxes?settings=<id>` → settings), kept live. */
export function useAddressParams(): URLSearchParams {
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => '',
  );
  return useMemo(() => readAddress(hash).params, [hash]);
}
