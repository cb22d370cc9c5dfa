import { randomBytes } from 'node:crypto';
import { type AuditEvent, appendEvent } from '../../../../shared/audit/chain';
import {
  type Checkpoint,
  checkpointQuery,
  type ReplicatedCollection,
  type StreamEvent,
  type SuppressionWireDoc,
  syncPath,
} from '../../../../shared/team/replication';
import { createInvite, join } from '../../accounts/invites';
import type { App } from '../../app';
import type { Role } from '../../auth/roles';
import type { Db } from '../../db/db';
import { bearer, type TestTeam } from '../../testing/fixtures';

export interface Device {
  token: string;
  deviceId: string;
  memberId: string;
  role: Role;
}

/** A member of `team` with `role` and one device, joined with an invite the way a desktop joins. */
export async function member(
  db: Db,
  team: TestTeam,
  role: Exclude<Role, 'owner'>,
  name: string = role,
): Promise<Device> {
  const owner = {
    teamId: team.teamId,
    memberId: team.memberId,
    deviceId: team.deviceId,
    role: 'owner' as const,
  };
  const invite = await createInvite(db, owner, {
    email: `${name}-${randomBytes(3).toString('hex')}@team.test`,
    role,
    ttlHours: 1,
  });
  const joined = await join(db, { code: invite.code, deviceName: `${name}'s laptop` });
  return { token: joined.token, deviceId: joined.deviceId, memberId: joined.member.id, role };
}

export const ownerDevice = (team: TestTeam): Device => ({
  token: team.token,
  deviceId: team.deviceId,
  memberId: team.memberId,
  role: 'owner',
});

export const hmacId = () => randomBytes(32).toString('hex');

export function entry(overrides: Partial<SuppressionWireDoc> = {}): SuppressionWireDoc {
  return {
    id: hmacId(),
    kind: 'address',
    reason: 'manual',
    note: '',
    createdAt: 1_764_600_000_000,
    _deleted: false,
    ...overrides,
  } as SuppressionWireDoc;
}

export async function pull(
  app: App,
  token: string,
  collection: ReplicatedCollection,
  checkpoint?: Checkpoint | null,
  limit?: number,
) {
  const response = await app.inject({
    method: 'GET',
    url: `${syncPath(collection, 'pull')}${checkpointQuery(checkpoint, limit)}`,
    headers: bearer(token),
  });
  return { status: response.statusCode, body: response.json() };
}

export async function push(app: App, token: string, collection: ReplicatedCollection, rows: unknown[]) {
  const response = await app.inject({
    method: 'POST',
    url: syncPath(collection, 'push'),
    headers: bearer(token),
    payload: rows,
  });
  return { status: response.statusCode, body: response.json() };
}

/** a pulled document, loosely: tests look at the fields they need */
export interface PulledDoc {
  id: string;
  value?: Record<string, unknown>;
  deviceId?: string;
  seq?: number;
  note?: string;
  [field: string]: unknown;
}

/** every document of a collection the token can see, pulled page by page from the start */
export async function pullAll(app: App, token: string, collection: ReplicatedCollection, limit = 1000) {
  const documents: PulledDoc[] = [];
  let checkpoint: Checkpoint | null = null;
  for (;;) {
    const { status, body } = await pull(app, token, collection, checkpoint, limit);
    if (status !== 200) throw new Error(`pull answered ${status}: ${JSON.stringify(body)}`);
    documents.push(...body.value.documents);
    checkpoint = body.value.checkpoint;
    if (body.value.documents.length < limit) return { documents, checkpoint };
  }
}

/** `count` events of a chain after `previous`, made by the desktop's own chain code */
export async function chainEvents(deviceId: string, count: number, previous: AuditEvent | null = null) {
  const events: AuditEvent[] = [];
  let last = previous;
  for (let i = 0; i < count; i++) {
    last = await appendEvent(last, {
      deviceId,
      type: 'send.sent',
      at: 1_764_600_000_000 + i,
      data: { mailboxId: 'mb1', n: i },
    });
    events.push(last);
  }
  return events;
}

export const asRows = <D>(docs: D[]) =>
  docs.map((d) => ({
    newDocumentState: { ...d, _deleted: (d as { _deleted?: boolean })._deleted ?? false },
  }));

/** Server-sent events from a live stream on a listening server, read as they arrive. */
export async function openEventStream(baseUrl: string, token: string, collection: ReplicatedCollection) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}${syncPath(collection, 'stream')}`, {
    headers: bearer(token),
    signal: controller.signal,
  });
  if (!response.body) throw new Error(`no stream: ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const queued: StreamEvent<Record<string, unknown>>[] = [];
  async function next(): Promise<StreamEvent<Record<string, unknown>>> {
    for (;;) {
      const ready = queued.shift();
      if (ready !== undefined) return ready;
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n');
        if (data) queued.push(JSON.parse(data));
        end = buffer.indexOf('\n\n');
      }
    }
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    next,
    close: () => controller.abort(),
  };
}
