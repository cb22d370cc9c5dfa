import { type FileHandle, open, readFile } from 'node:fs/promises';
import type { AuditHead } from '../../../shared/audit/head';
import type { HeadFact } from '../../../shared/audit/judge';
import type { AuditSeal } from './audit-key';
import { isMissing, writeFileDurably } from './durable-file';

/**
 * The sealed head on disk: two fixed 256-byte slots, and head N is written over slot N % 2 in place with one
 * fdatasync. A crash that tears the slot being written leaves the other one holding head N - 1, so the log is
 * then exactly one event ahead, which start-up accepts (see judge.ts). Each slot is one line of JSON padded
 * with spaces: `{"v":1,"deviceId","seq","hash","seal"}`.
 */
const SLOT = 256;

interface SlotRecord extends AuditHead {
  v: 1;
  seal: string;
}

function encodeSlot(head: AuditHead, seal: AuditSeal): Buffer {
  const record: SlotRecord = { v: 1, ...head, seal: seal.head(head) };
  const json = JSON.stringify(record);
  if (Buffer.byteLength(json) > SLOT - 1) throw new Error('The audit head does not fit its slot');
  return Buffer.from(`${json.padEnd(SLOT - 1, ' ')}\n`);
}

const blankSlot = () => Buffer.from(`${' '.repeat(SLOT - 1)}\n`);

function parseSlot(bytes: Buffer): SlotRecord | null {
  try {
    const value = JSON.parse(bytes.toString('utf8')) as Partial<SlotRecord> | null;
    if (
      value?.v === 1 &&
      typeof value.deviceId === 'string' &&
      Number.isSafeInteger(value.seq) &&
      (value.seq ?? -1) >= 0 &&
      typeof value.hash === 'string' &&
      typeof value.seal === 'string'
    )
      return value as SlotRecord;
  } catch {
    // a torn or blank slot
  }
  return null;
}

/** Reads the head; with `seal` null (the key is gone) it can only report what the slots claim. */
export async function readHeadFile(file: string, seal: AuditSeal | null): Promise<HeadFact> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if (isMissing(error)) return { kind: 'missing' };
    throw error;
  }
  const slots = [bytes.subarray(0, SLOT), bytes.subarray(SLOT, 2 * SLOT)].map(parseSlot);
  if (!seal) {
    const claimed = slots.filter((s) => s !== null);
    if (!claimed.length) return { kind: 'damaged' };
    return { kind: 'unverified', claimedSeq: Math.max(...claimed.map((s) => s.seq)) };
  }
  const valid = slots.filter(
    (s, i): s is SlotRecord => s !== null && s.seq % 2 === i && seal.matches(s.seal, seal.head(headOf(s))),
  );
  const best = valid.sort((a, b) => b.seq - a.seq)[0];
  return best ? { kind: 'sealed', head: headOf(best) } : { kind: 'damaged' };
}

const headOf = (s: AuditHead): AuditHead => ({ deviceId: s.deviceId, seq: s.seq, hash: s.hash });

/** Writes a new head file holding only `head` (a chain's start), durably. */
export async function createHeadFile(file: string, head: AuditHead, seal: AuditSeal): Promise<void> {
  const slots: Buffer[] = [blankSlot(), blankSlot()];
  slots[head.seq % 2] = encodeSlot(head, seal);
  await writeFileDurably(file, Buffer.concat(slots));
}

export interface HeadWriter {
  write(head: AuditHead): Promise<void>;
  close(): Promise<void>;
}

export async function openHeadWriter(file: string, seal: AuditSeal): Promise<HeadWriter> {
  const handle: FileHandle = await open(file, 'r+');
  return {
    async write(head) {
      await handle.write(encodeSlot(head, seal), 0, SLOT, (head.seq % 2) * SLOT);
      await handle.datasync();
    },
    close: () => handle.close(),
  };
}
