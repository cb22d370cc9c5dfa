import { describe, expect, it } from 'vitest';
import { REMOVED_ON_DESKTOP, suppressionFromWire, suppressionToWire } from './team-docs';

const local = {
  id: 'a'.repeat(64),
  kind: 'address',
  value: 'jane@lead.example',
  reason: 'manual',
  note: 'asked by phone',
  rank: 42,
  createdAt: 1_764_600_000_000,
  _deleted: false,
  _meta: { lwt: 1 },
  _rev: '1-x',
};

describe('suppression entries on the wire', () => {
  it('a push carries the key and its facts, never the plaintext, the rank or RxDB’s fields', () => {
    const wire = suppressionToWire(local);
    expect(wire).toEqual({
      id: local.id,
      kind: 'address',
      reason: 'manual',
      note: 'asked by phone',
      createdAt: local.createdAt,
      _deleted: false,
    });
    expect(JSON.stringify(wire)).not.toContain('jane');
  });

  it('a removal carries a reason, as the server takes it from an admin', () => {
    expect(suppressionToWire({ ...local, _deleted: true })).toMatchObject({
      _deleted: true,
      removedNote: REMOVED_ON_DESKTOP,
    });
  });

  it('a pull keeps the plaintext and rank this desktop knows, and gives a new entry an empty value', () => {
    const known = new Map([[local.id, { value: local.value, rank: 42 }]]);
    const fresh = { ...suppressionToWire(local), id: 'b'.repeat(64) };
    const [kept, added] = suppressionFromWire([suppressionToWire(local), fresh], known);
    expect(kept).toMatchObject({ id: local.id, value: 'jane@lead.example', rank: 42 });
    expect(added).toMatchObject({ id: 'b'.repeat(64), value: '' });
    expect(typeof added?.rank).toBe('number');
  });
});
