import { describe, expect, it } from 'vitest';
import {
  checkpointQuery,
  LIMITS,
  parseCheckpointQuery,
  pullQuerySchema,
  SCHEMA_VERSIONS,
  SYNC_MESSAGES,
  sameDocument,
  streamEventText,
  suppressionDocSchema,
  syncPath,
} from './replication';

const doc = {
  id: 'a'.repeat(64),
  kind: 'address',
  reason: 'manual',
  note: '',
  createdAt: 1_764_600_000_000,
  _deleted: false,
} as const;

describe('the replication contract', () => {
  it('puts the collection and its schema version in every path', () => {
    expect(syncPath('suppression', 'pull')).toBe(
      `/v1/sync/suppression/s${SCHEMA_VERSIONS.suppression.current}/pull`,
    );
    expect(syncPath('audit', 'push', 0)).toBe('/v1/sync/audit/s0/push');
    expect(syncPath('team', 'stream')).toBe('/v1/sync/team/s0/stream');
  });

  it('round-trips a checkpoint through the query string, and reads none as "from the start"', () => {
    const checkpoint = { order: '9223372036854775807', id: 'x:000000000001' };
    const query = new URLSearchParams(checkpointQuery(checkpoint, 50).slice(1));
    expect(parseCheckpointQuery({ order: query.get('order')!, id: query.get('id')! })).toEqual({
      ok: true,
      checkpoint,
    });
    expect(query.get('limit')).toBe('50');
    expect(checkpointQuery(null)).toBe('');
    expect(parseCheckpointQuery({})).toEqual({ ok: true, checkpoint: null });
  });

  it('refuses checkpoints the server never gives out', () => {
    for (const bad of [
      { order: 'abc', id: 'x' },
      { order: '5' },
      { id: 'x' },
      { order: '9223372036854775808', id: 'x' },
      { order: '-1', id: 'x' },
      { order: '1.5', id: 'x' },
      { order: '007', id: 'x' },
      { order: '1', id: 'x'.repeat(101) },
    ]) {
      expect(parseCheckpointQuery(bad), JSON.stringify(bad)).toEqual({ ok: false });
    }
  });

  it('caps a pull at the most a page holds', () => {
    expect(pullQuerySchema.parse({}).limit).toBe(LIMITS.maxPullRows);
    expect(pullQuerySchema.safeParse({ limit: String(LIMITS.maxPullRows + 1) }).success).toBe(false);
  });

  it('compares documents by their fields, not by key order or the fields RxDB adds', () => {
    const reordered = {
      _deleted: false,
      createdAt: doc.createdAt,
      note: '',
      reason: 'manual',
      kind: 'address',
      id: doc.id,
    };
    const withMeta = { ...doc, _meta: { lwt: 5 }, _rev: '3-abc', _attachments: {} };
    expect(sameDocument(suppressionDocSchema, reordered, withMeta)).toBe(true);
    expect(sameDocument(suppressionDocSchema, doc, { ...doc, note: 'x' })).toBe(false);
    expect(sameDocument(suppressionDocSchema, doc, { ...doc, id: 'jane@example.com' })).toBe(false);
  });

  it('carries suppression keys only, and a removal note only on a removal', () => {
    expect(suppressionDocSchema.safeParse({ ...doc, id: 'jane@example.com' }).success).toBe(false);
    expect(suppressionDocSchema.safeParse({ ...doc, removedNote: 'why' }).success).toBe(false);
    expect(suppressionDocSchema.safeParse({ ...doc, _deleted: true, removedNote: 'why' }).success).toBe(true);
  });

  it('writes stream events as server-sent events', () => {
    expect(streamEventText('RESYNC')).toBe('data: "RESYNC"\n\n');
    expect(streamEventText({ documents: [], checkpoint: null })).toBe(
      'data: {"documents":[],"checkpoint":null}\n\n',
    );
  });

  it('says in plain words what the rep can do about a refusal', () => {
    expect(SYNC_MESSAGES.clientTooOld('suppression')).toMatch(/Update Fairsend/);
    expect(SYNC_MESSAGES.tooManyRows(100_000)).toMatch(/at most 1,000 entries; this one had 100,000/);
  });
});
