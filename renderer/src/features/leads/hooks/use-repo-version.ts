import { useEffect, useState } from 'react';
import { useData } from '../../../app/data-context';
import { throttle } from './throttle';

/** A number that grows after the leads change, at most once per `ms`; effects that re-read depend on it. */
export function useRepoVersion(ms = 300): number {
  const { leads } = useData();
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
