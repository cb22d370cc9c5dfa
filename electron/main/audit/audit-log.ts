import { randomUUID } from 'node:crypto';
import { type FileHandle, open, readFile, truncate } from 'node:fs/promises';
import { type AuditEvent, appendEvent, verifyChain } from '../../../shared/audit/chain';
import { readJsonFile, writeJsonFile } from '../settings/json-file';

/**
 * This device's audit log: main is its only writer, so the hash chain has one head. Events are appended to a
 * JSON-lines file and fsynced before the call that produced them returns; the renderer mirrors them into RxDB
 * (`audit.since`) and replication carries them to the team server, which re-checks the chain.
 */
export interface AuditLog {
  readonly deviceId: string;
  append(type: string, data: Record<string, unknown>, at?: number): Promise<AuditEvent>;
  /** events after `seq`, oldest first, at most `limit` */
  since(seq: number, limit?: number): AuditEvent[];
  close(): Promise<void>;
}

export async function openAuditLog(
  file: string,
  deviceFile: string,
  now: () => number = Date.now,
): Promise<AuditLog> {
  let device = readJsonFile<{ deviceId: string } | null>(deviceFile, null);
  if (!device) {
    device = { deviceId: randomUUID() };
    writeJsonFile(deviceFile, device);
  }
  const { deviceId } = device;
  const events = await load(file);
  const broken = await verifyChain(events, null);
  if (broken)
    throw new Error(
      `The audit log is damaged at event ${broken.seq} (${broken.problem}); refusing to extend it.`,
    );

  const handle: FileHandle = await open(file, 'a', 0o600);
  let tail: Promise<unknown> = Promise.resolve();

  return {
    deviceId,
    append(type, data, at = now()) {
      // Serialised: each event must chain to the one appended before it.
      const next = tail.then(async () => {
        const event = await appendEvent(events.at(-1) ?? null, { deviceId, type, at, data });
        await handle.appendFile(`${JSON.stringify(event)}\n`, 'utf8');
        await handle.datasync();
        events.push(event);
        return event;
      });
      tail = next.catch(() => {});
      return next;
    },
    since(seq, limit = 1000) {
      const start = events.findIndex((e) => e.seq > seq);
      return start < 0 ? [] : events.slice(start, start + limit);
    },
    async close() {
      await tail;
      await handle.close();
    },
  };
}

async function load(file: string): Promise<AuditEvent[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  if (text && !text.endsWith('\n')) {
    // A crash mid-write left a partial last line: cut it off so the next event starts on a line of its own.
    const end = text.lastIndexOf('\n') + 1;
    await truncate(file, Buffer.byteLength(text.slice(0, end)));
    text = text.slice(0, end);
  }
  const lines = text.split('\n').filter(Boolean);
  const events: AuditEvent[] = [];
  lines.forEach((line, i) => {
    try {
      events.push(JSON.parse(line) as AuditEvent);
    } catch {
      throw new Error(`The audit log is damaged at line ${i + 1}.`);
    }
  });
  return events;
}
