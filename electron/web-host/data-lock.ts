import { mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One browser-mode host per data folder. Two would run two send journals and two audit writers over the same
 * files. The desktop app uses Electron's single-instance lock; Node has none, so the host takes a lock file:
 * created exclusively (`wx`) with its pid, removed when it stops. A lock whose pid is no longer running was
 * left by a crash and is taken over.
 */
export interface DataLock {
  file: string;
  /** Removes the lock if it is still ours. Synchronous, so it can run in an `exit` handler. */
  release(): void;
}

export type DataLockResult = { ok: true; lock: DataLock } | { ok: false; message: string };

export const LOCK_FILE = 'fairsend.lock';

/** A lock file without a readable pid is someone's create-then-write in progress until it is this old. */
const HALF_WRITTEN_GRACE_MS = 5_000;
/** A takeover guard older than this was left by a process that died mid-takeover. */
const GUARD_STALE_MS = 10_000;
const RETRY_MS = 25;
const MAX_TRIES = 120;

/** Lock files this process holds: our own pid in a lock we do not hold is a pid reused after a crash. */
const held = new Set<string>();

export async function lockDataFolder(dataDir: string): Promise<DataLockResult> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, LOCK_FILE);
  const mine = `${process.pid}\n`;
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    if (held.has(file)) return refused(dataDir, file, process.pid);
    if (createExclusive(file, mine)) return { ok: true, lock: holding(file, mine) };
    const seen = readLock(file);
    if (seen === null) continue; // released between our create and our read: try again
    const pid = pidOf(seen.text);
    if (pid !== null && pid !== process.pid && isRunning(pid)) return refused(dataDir, file, pid);
    if (pid === null && seen.ageMs < HALF_WRITTEN_GRACE_MS) {
      await sleep(RETRY_MS);
      continue;
    }
    const takeover = takeOver(file, seen.text, mine);
    if (takeover === 'taken') return { ok: true, lock: holding(file, mine) };
    await sleep(RETRY_MS);
  }
  return {
    ok: false,
    message: `Another Fairsend is starting on this data folder (${dataDir}). Try again in a moment.`,
  };
}

function holding(file: string, mine: string): DataLock {
  held.add(file);
  return {
    file,
    release() {
      if (!held.delete(file)) return;
      try {
        if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
      } catch {
        // already gone: nothing to release
      }
    },
  };
}

function refused(dataDir: string, file: string, pid: number): DataLockResult {
  return {
    ok: false,
    message:
      `Fairsend is already running on this data folder (${dataDir}, process ${pid}). ` +
      `Use that one, stop it first, or set FAIRSEND_DATA_DIR to another folder. ` +
      `If no Fairsend is running, delete ${file}.`,
  };
}

function createExclusive(file: string, content: string): boolean {
  try {
    writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
}

function readLock(file: string): { text: string; ageMs: number } | null {
  try {
    const text = readFileSync(file, 'utf8');
    return { text, ageMs: Date.now() - statSync(file).mtimeMs };
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Replaces a stale lock. Two hosts may find the same stale lock at once; a guard directory (mkdir is atomic)
 * lets one of them re-read, remove and re-create it, so the other cannot delete the lock its rival just took.
 */
function takeOver(file: string, staleText: string, mine: string): 'taken' | 'retry' {
  const guard = `${file}.takeover`;
  try {
    mkdirSync(guard);
  } catch (error) {
    if (codeOf(error) !== 'EEXIST') throw error;
    const age = readLockAge(guard);
    if (age !== null && age > GUARD_STALE_MS) rmSync(guard, { recursive: true, force: true });
    return 'retry';
  }
  try {
    const now = readLock(file);
    if (now !== null && now.text !== staleText) return 'retry';
    if (now !== null) unlinkSync(file);
    return createExclusive(file, mine) ? 'taken' : 'retry';
  } finally {
    rmSync(guard, { recursive: true, force: true });
  }
}

function readLockAge(path: string): number | null {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function pidOf(text: string): number | null {
  const match = /^(\d{1,10})\n?$/.exec(text);
  const pid = match ? Number(match[1]) : Number.NaN;
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/** Signal 0 checks existence without signalling; EPERM means it exists under another user. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM';
  }
}

const codeOf = (error: unknown) => (error instanceof Error && 'code' in error ? error.code : undefined);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
