import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A data file that exists and could be read but does not hold what it should (not JSON, cut short). Its own
 * type, so start-up tells it apart from a file this user may not read (EACCES keeps its code, see below).
 */
export class DamagedFileError extends Error {
  override name = 'DamagedFileError';
  constructor(readonly file: string) {
    super(`${file} is damaged; fix or remove it`);
  }
}

/**
 * Reads a JSON file, or `fallback` when it does not exist; a damaged file is an error, never silently reset.
 * Any other failure to read (no permission, a disk error) is thrown as it is, with its code.
 */
export function readJsonFile<T>(file: string, fallback: T): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new DamagedFileError(file);
  }
}

/** Writes a JSON file atomically (temp file + rename), readable by this user only. */
export function writeJsonFile(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
