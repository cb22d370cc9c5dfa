import { useEffect, useState } from 'react';
import { useServices } from '../../../services/use-services';
import { throttle } from './throttle';

/** A number that grows after the leads change, at most once per `ms`; effects that re-read depend on it. */
export function useRepoVersion(ms = 300): number {
  const { leads } = useServices();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = throttle(() => setVersion((v) => v + 1), ms);
    const off = leads.onChange(bump);
    return () => {
      off();
      bump.cancel();
    };
  }, [leads, ms]);
  return version;
}
