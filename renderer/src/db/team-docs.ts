import { rankFor } from '../../../shared/leads/lead';
import type { SuppressionDoc } from './schemas/compliance';

/**
 * A suppression entry as it travels to and from the team server: the HMAC key and its facts, never the
 * plaintext `value` (which stays on this desktop) and never the local list's `rank`.
 */
export interface SuppressionWire {
  id: string;
  kind: SuppressionDoc['kind'];
  reason: SuppressionDoc['reason'];
  note: string;
  createdAt: number;
  removedNote?: string;
  _deleted: boolean;
}

/** What a push carries: only the fields the team may have; `value` and `rank` are dropped here. */
export function suppressionToWire(doc: Record<string, unknown>): SuppressionWire {
  const wire: SuppressionWire = {
    id: String(doc.id),
    kind: doc.kind as SuppressionWire['kind'],
    reason: doc.reason as SuppressionWire['reason'],
    note: typeof doc.note === 'string' ? doc.note : '',
    createdAt: Number(doc.createdAt),
    _deleted: doc._deleted === true,
  };
  // the server takes a removal (admins only) with its reason; the local entry keeps none, and the reason the
  // rep gave is in this desktop's audit event `suppression.removed`, which reaches the team too
  if (wire._deleted)
    wire.removedNote =
      typeof doc.removedNote === 'string' && doc.removedNote.trim() ? doc.removedNote : REMOVED_ON_DESKTOP;
  return wire;
}

export const REMOVED_ON_DESKTOP = 'Removed in Fairsend on a desktop; the reason is in its audit log.';

/**
 * The local shape of entries from the team: a `value` this desktop already knows is kept (the team never has
 * it, so a pull must not erase it); a new entry has none and takes a rank from its creation time. `local`
 * holds this desktop's current documents for those ids.
 */
export function suppressionFromWire(
  docs: readonly Record<string, unknown>[],
  local: ReadonlyMap<string, { value: string; rank: number }>,
): Record<string, unknown>[] {
  return docs.map((doc) => {
    const wire = suppressionToWire(doc);
    const known = local.get(wire.id);
    const { removedNote: _dropped, ...kept } = wire;
    return {
      ...kept,
      value: known?.value ?? '',
      rank: known?.rank ?? rankFor(wire.createdAt, spreadOf(wire.id)),
    };
  });
}

/** 0–999 from the key: entries created in the same millisecond get different ranks (keyset paging). */
const spreadOf = (id: string) => Number.parseInt(id.slice(0, 6), 16) % 1000 || 0;
