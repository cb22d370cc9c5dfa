/**
 * The audit log is append-only and hash-chained per device: each event commits to the one before it,
 * so the team server (and anyone) can tell when an event was altered, dropped or reordered.
 * hash = SHA-256(prevHash + "\n" + canonical JSON of { deviceId, seq, type, at, data }).
 * No message bodies and no plaintext recipients go into `data` (callers pass suppression keys instead).
 */

export interface AuditFields {
  deviceId: string;
  seq: number;
  type: string;
  at: number;
  data: Record<string, unknown>;
}

export interface AuditEvent extends AuditFields {
  id: string;
  prevHash: string;
  hash: string;
}

/** The hash that the first event of a device chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same event always hashes the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error('Audit data must not hold NaN or Infinity');
    if (value === undefined) return 'null';
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 (hex) of a text: WebCrypto by default; a caller may pass a faster one (node:crypto on the server). */
export type Digest = (text: string) => string | Promise<string>;

async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function auditId(deviceId: string, seq: number): string {
  return `${deviceId}:${String(seq).padStart(12, '0')}`;
}

/** what an event's hash is taken over: the previous hash and the canonical JSON of its fields */
const hashInput = (prevHash: string, { deviceId, seq, type, at, data }: AuditFields) =>
  `${prevHash}\n${canonicalJson({ deviceId, seq, type, at, data })}`;

export async function hashEvent(
  prevHash: string,
  fields: AuditFields,
  digest: Digest = sha256Hex,
): Promise<string> {
  return digest(hashInput(prevHash, fields));
}

/** Seals the next event onto a chain whose last event is `previous` (or starts the chain). */
export async function appendEvent(
  previous: Pick<AuditEvent, 'seq' | 'hash'> | null,
  event: Omit<AuditFields, 'seq'>,
): Promise<AuditEvent> {
  const seq = previous ? previous.seq + 1 : 1;
  const prevHash = previous ? previous.hash : GENESIS_HASH;
  const fields = { ...event, seq };
  return { ...fields, id: auditId(event.deviceId, seq), prevHash, hash: await hashEvent(prevHash, fields) };
}

export type ChainProblem = { seq: number; problem: 'gap' | 'prev-hash' | 'hash' | 'device' };

/** the link from `prev` to `event` apart from its hash: device, sequence and previous hash */
function linkProblem(
  event: AuditEvent,
  prev: Pick<AuditEvent, 'seq' | 'hash' | 'deviceId'> | null,
): ChainProblem | null {
  if (prev && event.deviceId !== prev.deviceId) return { seq: event.seq, problem: 'device' };
  if (event.seq !== (prev ? prev.seq + 1 : 1)) return { seq: event.seq, problem: 'gap' };
  if (event.prevHash !== (prev ? prev.hash : GENESIS_HASH)) return { seq: event.seq, problem: 'prev-hash' };
  return null;
}

/**
 * Checks events of one device in sequence order, continuing from `anchor` (the last event already
 * accepted, or null for a chain from the start). Returns the first problem, or null when the chain holds.
 */
export async function verifyChain(
  events: readonly AuditEvent[],
  anchor: Pick<AuditEvent, 'seq' | 'hash' | 'deviceId'> | null,
  digest: Digest = sha256Hex,
): Promise<ChainProblem | null> {
  let prev = anchor;
  for (const event of events) {
    const problem = linkProblem(event, prev);
    if (problem) return problem;
    if (event.hash !== (await digest(hashInput(event.prevHash, event))))
      return { seq: event.seq, problem: 'hash' };
    prev = event;
  }
  return null;
}

/** verifyChain with a synchronous digest (node:crypto on the server): no await per event */
export function verifyChainSync(
  events: readonly AuditEvent[],
  anchor: Pick<AuditEvent, 'seq' | 'hash' | 'deviceId'> | null,
  digest: (text: string) => string,
): ChainProblem | null {
  let prev = anchor;
  for (const event of events) {
    const problem = linkProblem(event, prev);
    if (problem) return problem;
    if (event.hash !== digest(hashInput(event.prevHash, event))) return { seq: event.seq, problem: 'hash' };
    prev = event;
  }
  return null;
}
