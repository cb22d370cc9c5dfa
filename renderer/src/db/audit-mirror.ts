import { type AuditEvent, auditId, verifyChain } from '../../../shared/audit/chain';
import type { Result } from '../../../shared/ipc/result';
import type { FairsendDatabase } from './database';

export const MIRROR_PAGE = 1000;

export interface AuditMirrorDeps {
  since(seq: number, limit: number): Promise<Result<AuditEvent[]>>;
  /** told when main's chain does not continue the mirrored one (nothing more is mirrored then) */
  onProblem?(message: string): void;
}

export interface AuditMirror {
  /** pulls every event main has that this database lacks; concurrent calls share one run */
  mirror(): Promise<number>;
}

/**
 * Copies main's audit events into the `audit` collection, from where replication carries them to the team
 * server. Main is the only writer; this side only appends, checks that each page continues the chain it
 * already holds, and upserts by `deviceId:seq`, so a repeated page is harmless.
 */
export function createAuditMirror(db: FairsendDatabase, deps: AuditMirrorDeps): AuditMirror {
  let cursor: { deviceId: string; seq: number } | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let broken = false;

  /**
   * Where to continue: main's device, and how many of its events are mirrored. The chain has no gaps and
   * pages land in order, so that count is the last mirrored seq (a short count only re-fetches, never skips).
   */
  async function start(): Promise<{ deviceId: string; seq: number } | null> {
    const first = await deps.since(0, 1);
    if (!first.ok) throw new Error(first.error.message);
    const deviceId = first.value[0]?.deviceId;
    if (!deviceId) return null;
    const seq = await db.audit.count({ selector: { deviceId } }).exec();
    return { deviceId, seq };
  }

  async function run(): Promise<number> {
    if (broken) return 0;
    cursor ??= await start();
    if (!cursor) return 0;
    let copied = 0;
    for (;;) {
      const page = await deps.since(cursor.seq, MIRROR_PAGE);
      if (!page.ok) throw new Error(page.error.message);
      if (!page.value.length) return copied;
      const anchor = cursor.seq ? await db.audit.findOne(auditId(cursor.deviceId, cursor.seq)).exec() : null;
      if (cursor.seq && !anchor) {
        // The count ran ahead of the events held (a gap): copy the chain again from its start.
        cursor = { deviceId: cursor.deviceId, seq: 0 };
        continue;
      }
      const problem = await verifyChain(page.value, anchor ? anchor.toJSON() : null);
      if (problem) {
        broken = true;
        deps.onProblem?.(
          `The audit log from the sending service does not continue the copy here (event ${problem.seq}: ${problem.problem}). Nothing more is copied; tell your admin.`,
        );
        return copied;
      }
      const { error } = await db.audit.bulkUpsert(page.value.map((e) => ({ ...e })));
      if (error.length) throw new Error(`Could not store ${error.length} audit events.`);
      copied += page.value.length;
      const last = page.value.at(-1);
      if (last) cursor = { deviceId: last.deviceId, seq: last.seq };
      if (page.value.length < MIRROR_PAGE) return copied;
    }
  }

  async function loop(): Promise<number> {
    let total = 0;
    do {
      again = false;
      total += await run();
    } while (again);
    return total;
  }

  return {
    mirror() {
      if (running) {
        // A send finished while a run was under way: run once more so its event is not left behind.
        again = true;
        return running;
      }
      running = loop().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
