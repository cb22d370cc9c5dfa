import { open, readFile, rename, writeFile } from 'node:fs/promises';

/** What the journal needs of an open file; Node's FileHandle has it. Tests pass one that fails on demand. */
export interface JournalFileHandle {
  appendFile(data: string, encoding: 'utf8'): Promise<void>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

export type OpenJournalFile = (path: string) => Promise<JournalFileHandle>;

export const openForAppend: OpenJournalFile = (path) => open(path, 'a', 0o600);

/** A write the journal could not make; the send that needed it does not go ahead. */
export class JournalWriteError extends Error {
  constructor(cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | null)?.code;
    super(
      code === 'ENOSPC' || code === 'EDQUOT'
        ? 'The disk is full, so Fairsend could not record this send. Nothing was sent. Free some space and try again.'
        : `Fairsend could not write to its send journal${code ? ` (${code})` : ''}. Nothing was sent. Try again.`,
      { cause },
    );
    this.name = 'JournalWriteError';
  }
}

/**
 * An append-only file of lines whose failed write never poisons the next one: appends are serialised, and a
 * line that failed part-way (a full disk) is cut off again, so the file ends on a whole line and the next
 * append starts clean. Only when even that cut fails does the file refuse further writes.
 */
export async function openAppendOnly(path: string, openFile: OpenJournalFile = openForAppend) {
  const handle = await openFile(path);
  let size = (await handle.stat()).size;
  let chain: Promise<void> = Promise.resolve();
  let unusable: Error | null = null;

  async function write(line: string, sync: boolean) {
    if (unusable) throw new JournalWriteError(unusable);
    try {
      await handle.appendFile(line, 'utf8');
      if (sync) await handle.datasync();
      size += Buffer.byteLength(line);
    } catch (error) {
      try {
        await handle.truncate(size);
      } catch (cut) {
        unusable = cut instanceof Error ? cut : new Error(String(cut));
      }
      throw new JournalWriteError(error);
    }
  }

  return {
    /** Appends one line (with its newline); with `sync`, resolves once it is on disk (fdatasync). */
    append(line: string, sync: boolean): Promise<void> {
      const next = chain.then(() => write(line, sync));
      chain = next.catch(() => {});
      return next;
    },
    async close() {
      await chain;
      await handle.close();
    },
  };
}

/**
 * Reads the journal's lines. A torn last line (a crash mid-write) is dropped; damage anywhere else is an
 * error, because silently skipping a line could send a message twice.
 */
export async function readLines<T>(path: string): Promise<{ records: T[]; bytes: number; torn: boolean }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], bytes: 0, torn: false };
    throw error;
  }
  const lines = text.split('\n');
  const records: T[] = [];
  let torn = false;
  lines.forEach((line, i) => {
    if (!line) return;
    try {
      records.push(JSON.parse(line) as T);
    } catch {
      const isLast = i === lines.length - 1 || (i === lines.length - 2 && lines.at(-1) === '');
      if (!isLast)
        throw new Error(`The send journal is damaged at line ${i + 1}; refusing to guess what was sent.`);
      torn = true;
    }
  });
  return { records, bytes: Buffer.byteLength(text), torn: torn || (text.length > 0 && !text.endsWith('\n')) };
}

/** Writes the lines anew (fsynced) and renames the result over the file: a crash leaves one or the other. */
export async function rewrite(path: string, lines: string[]): Promise<void> {
  const tmp = `${path}.compact`;
  await writeFile(tmp, lines.join(''), { mode: 0o600 });
  const fh = await open(tmp, 'r+');
  await fh.datasync();
  await fh.close();
  await rename(tmp, path);
}
