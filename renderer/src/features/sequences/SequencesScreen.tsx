import { PLACE_PARAMS } from '../../store/address';
import { useAddressParams } from '../../store/use-address';
import { SequenceEditor } from './SequenceEditor';
import { SequenceList } from './SequenceList';
import './sequences.css';

/** The rep's sequences; `#/sequences?sequence=<id>` opens one in the editor (Back returns to the list). */
export function SequencesScreen() {
  const open = useAddressParams().get(PLACE_PARAMS.sequence);
  return open ? <SequenceEditor key={open} id={open} /> : <SequenceList />;
}
