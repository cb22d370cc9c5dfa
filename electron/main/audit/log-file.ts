import { readFile } from 'node:fs/promises';
import type { AuditEvent } from '../../../shared/audit/chain';
import type { LineFact } from '../../../shared/audit/judge';
import type { AuditSeal } from './audit-key';
import { isMissing } from './durable-file';

/**
 * The log on disk: one JSON line per event, each carrying its keyed seal next to the chain's fields
 * (`{...event, seal}`); the seal stays in this file, the event that is mirrored and replicated has none.
 */
export function lineOf(event: AuditEvent, seal: AuditSeal): string {
  return `${JSON.stringify({ ...event, seal: seal.event(event.hash) })}\n`;
}

export interface LogText {
  exists: boolean;
  /** complete lines, blank ones dropped */
  lines: string[];
  /** bytes of the complete lines; anything after them is a torn last line (a crash mid-write) */
  completeBytes: number;
  totalBytes: number;
}

export async function readLogText(file: string): Promise<LogText> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if (isMissing(error)) return { exists: false, lines: [], completeBytes: 0, totalBytes: 0 };
    throw error;
  }
  const completeBytes = bytes.lastIndexOf(0x0a) + 1;
  const lines = bytes.subarray(0, completeBytes).toString('utf8').split('\n').filter(Boolean);
  return { exists: true, lines, completeBytes, totalBytes: bytes.length };
}

const isString = (v: unknown): v is string => typeof v === 'string';

function isEventShaped(v: Partial<AuditEvent>): v is AuditEvent {
  return (
    isString(v.id) &&
    isString(v.deviceId) &&
    Number.isSafeInteger(v.seq) &&
    isString(v.type) &&
    typeof v.at === 'number' &&
    typeof v.data === 'object' &&
    v.data !== null &&
    !Array.isArray(v.data) &&
    isString(v.prevHash) &&
    isString(v.hash)
  );
}

/**
 * A line as a fact for the judge: an event of the right shape (its known fields only, so nothing the hash does
 * not cover travels on), and whether its seal checks out.
 */
export function parseLine(text: string, seal: AuditSeal | null): LineFact {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { readable: false };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { readable: false };
  const found: Partial<AuditEvent> & { seal?: unknown } = value;
  const sealFound = found.seal;
  if (!isEventShaped(found)) return { readable: false };
  const { id, deviceId, seq, type, at, data, prevHash, hash } = found;
  const event: AuditEvent = { id, deviceId, seq, type, at, data, prevHash, hash };
  return { readable: true, event, sealOk: seal ? seal.matches(sealFound, seal.event(hash)) : false };
}
