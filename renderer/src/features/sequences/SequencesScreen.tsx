import { lazy, Suspense } from 'react';
import { PLACE_PARAMS } from '../../store/address';
import { useAddressParams } from '../../store/use-address';
import { SequenceList } from './SequenceList';
import './sequences.css';

// The editor carries Liquid and the engine's rendering (with every country's holidays): its own chunk, read
// when a sequence is opened, so the list (and the window's idle preload of every screen) stays small.
const SequenceEditor = lazy(() => import('./SequenceEditor').then((m) => ({ default: m.SequenceEditor })));

/** The rep's sequences; `#/sequences?sequence=<id>` opens one in the editor (Back returns to the list). */
export function SequencesScreen() {
  const open = useAddressParams().get(PLACE_PARAMS.sequence);
  return open ? (
    <Suspense fallback={<div className="screen" aria-busy="true" />}>
      <SequenceEditor key={open} id={open} />
    </Suspense>
  ) : (
    <SequenceList />
  );
}
