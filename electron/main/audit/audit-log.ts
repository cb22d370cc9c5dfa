import { readFile } from 'node:fs/promises';
import { type AuditEvent, appendEvent } from '../../../shared/audit/chain';
import {
  AUDIT_PAUSED_DAMAGED,
  AUDIT_PAUSED_LOCKED,
  type AuditDamage,
  describeDamage,
} from '../../../shared/audit/damage';
import type { AuditEventType } from '../../../shared/audit/event-types';
import { headAfter } from '../../../shared/audit/head';
import type { AuditStatus, DamagedLogCopy } from '../../../shared/ipc/audit';
import { AppError } from '../../../shared/ipc/result';
import type { Sealer } from '../secrets/sealer';
import { isMissing } from './durable-file';
import { lineOf } from './log-file';
import { chainPaths, type OpenChain, openChain } from './open-chain';
import { restartChain } from './restart-chain';

/**
 * This device's audit log: main is its only writer, so the hash chain has one head. Events are appended to a
 * JSON-lines file and fsynced before the call that produced them returns; the renderer mirrors them into RxDB
 * (`audit.since`) and replication carries them to the team server, which re-checks the chain.
 *
 * The chain's head is kept outside the log, sealed with a key only the vault's sealer opens (open-chain.ts),
 * so a log that lost its end, was deleted or rewritten is refused at start-up. A refused log never stops the
 * app: it stays up with the log `damaged`, every append (and so every send) refused with a clear message,
 * until the rep exports the damaged file and starts a new chain.
 */
export interface AuditLog {
  /** the current chain's device id; null until a chain is open */
  readonly deviceId: string | null;
  status(): AuditStatus;
  append(type: AuditEventType, data: Record<string, unknown>, at?: number): Promise<AuditEvent>;
  /** events after `seq`, oldest first, at most `limit` */
  since(seq: number, limit?: number): AuditEvent[];
  /** throws the rep-facing refusal unless events can be appended now (a send checks before it starts) */
  requireWritable(): void;
  /** calls `run` once, as soon as events can be appended: now, or after an unlock or a new chain */
  onWritable(run: () => void): void;
  /** Linux without a keyring: the rep unlocked the vault, so the log can be checked and opened */
  unlock(sealer: Sealer): Promise<AuditStatus>;
  exportDamaged(): Promise<DamagedLogCopy>;
  startNewChain(note: string): Promise<AuditEvent>;
  close(): Promise<void>;
}

export interface AuditLogOptions {
  /** opens the key that seals the log; null when there is no keyring yet: the log is locked until unlock() */
  sealer: Sealer | null;
  now?: () => number;
}

type State =
  | { kind: 'locked' }
  | { kind: 'damaged'; problem: AuditDamage; sealer: Sealer }
  | { kind: 'ready'; chain: OpenChain; sealer: Sealer }
  /** a write failed part-way: the events held are durable, but the next write checks the files again first */
  | { kind: 'stale'; chain: OpenChain; sealer: Sealer }
  | { kind: 'closed' };

export async function openAuditLog(
  file: string,
  deviceFile: string,
  options: AuditLogOptions,
): Promise<AuditLog> {
  const paths = chainPaths(file, deviceFile);
  const now = options.now ?? Date.now;
  let state: State = { kind: 'locked' };
  let tail: Promise<unknown> = Promise.resolve();
  const waiting: (() => void)[] = [];

  /** Serialised: each event must chain to the one before it, and opening or restarting must not interleave. */
  function queue<T>(work: () => Promise<T>): Promise<T> {
    const next = tail.then(work);
    tail = next.catch(() => {});
    return next;
  }

  function become(next: State) {
    state = next;
    if (next.kind === 'ready') for (const run of waiting.splice(0)) run();
  }

  async function check(sealer: Sealer): Promise<void> {
    const opened = await openChain(paths, sealer).catch(
      () => ({ ok: false, problem: 'cannot-read' }) as const,
    );
    become(
      opened.ok
        ? { kind: 'ready', chain: opened.chain, sealer }
        : { kind: 'damaged', problem: opened.problem, sealer },
    );
  }

  function refusal(): AppError {
    if (state.kind === 'locked') return new AppError('unavailable', AUDIT_PAUSED_LOCKED);
    if (state.kind === 'closed') return new AppError('unavailable', 'The audit log is closed.');
    return new AppError('unavailable', AUDIT_PAUSED_DAMAGED);
  }

  async function writable(): Promise<{ chain: OpenChain; sealer: Sealer }> {
    if (state.kind === 'stale') {
      const { chain, sealer } = state;
      await closeChain(chain);
      await check(sealer);
    }
    if (state.kind !== 'ready') throw refusal();
    return state;
  }

  async function write(type: string, data: Record<string, unknown>, at: number): Promise<AuditEvent> {
    const { chain, sealer } = await writable();
    const event = await appendEvent(chain.events.at(-1) ?? null, {
      deviceId: chain.deviceId,
      type,
      at,
      data,
    });
    const markStale = () => {
      state = { kind: 'stale', chain, sealer };
    };
    try {
      await chain.log.appendFile(lineOf(event, chain.seal), 'utf8');
      await chain.log.datasync();
    } catch {
      markStale();
      throw new AppError('transient', 'Could not write to the audit log (is the disk full?). Try again.');
    }
    chain.events.push(event);
    // The event is durable; if its head cannot follow, the next write re-checks (one ahead is accepted).
    await chain.head.write(headAfter(chain.deviceId, [event])).catch(markStale);
    return event;
  }

  const chainOf = () => (state.kind === 'ready' || state.kind === 'stale' ? state.chain : null);

  function status(): AuditStatus {
    const chain = chainOf();
    if (chain) return { state: 'ready', events: chain.events.length };
    if (state.kind === 'damaged')
      return { state: 'damaged', problem: state.problem, message: describeDamage(state.problem) };
    return { state: 'locked', message: refusal().message };
  }

  if (options.sealer) await check(options.sealer);

  return {
    get deviceId() {
      return chainOf()?.deviceId ?? null;
    },
    status,
    append(type, data, at = now()) {
      return queue(() => write(type, data, at));
    },
    since(seq, limit = 1000) {
      const events = chainOf()?.events;
      if (!events) throw refusal();
      const start = events.findIndex((e) => e.seq > seq);
      return start < 0 ? [] : events.slice(start, start + limit);
    },
    requireWritable() {
      if (!chainOf()) throw refusal();
    },
    onWritable(run) {
      if (chainOf()) run();
      else waiting.push(run);
    },
    unlock(sealer) {
      return queue(async () => {
        if (state.kind === 'locked') await check(sealer);
        return status();
      });
    },
    exportDamaged() {
      return queue(async () => {
        if (state.kind !== 'damaged')
          throw new AppError('conflict', 'The audit log is not damaged; there is nothing to export.');
        const bytes = await readFile(paths.log).catch((error: unknown) => {
          if (isMissing(error)) return Buffer.alloc(0);
          throw new AppError('unavailable', 'The damaged audit log could not be read.');
        });
        return { base64: bytes.toString('base64'), bytes: bytes.length };
      });
    },
    startNewChain(note) {
      return queue(async () => {
        if (state.kind !== 'damaged')
          throw new AppError('conflict', 'The audit log is not damaged; it cannot be replaced.');
        const { problem, sealer } = state;
        const chain = await restartChain(paths, sealer, { problem, note, at: now() }).catch(() => {
          throw new AppError('transient', 'Could not start a new audit log. Nothing was deleted; try again.');
        });
        become({ kind: 'ready', chain, sealer });
        const [first] = chain.events;
        if (!first) throw new Error('A restarted chain starts with its restart event');
        return first;
      });
    },
    async close() {
      await tail;
      const chain = chainOf();
      state = { kind: 'closed' };
      if (chain) await closeChain(chain);
    },
  };
}

async function closeChain(chain: OpenChain): Promise<void> {
  await Promise.allSettled([chain.log.close(), chain.head.close()]);
}
