/**
 * Helpers for a bench group's child processes (Node 24 + tsx): figures go back to scripts/bench.mjs through the
 * JSON file named by `--out` (or to stdout when run by hand); a watchdog makes every group stop by itself.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Figure } from '../../scripts/lib/figures.mjs';

export type { Figure };

/** The value after `--name` on the command line, if any. */
export function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** Hands the figures to the parent (`--out FILE`) or prints them. */
export function emitFigures(figures: readonly Figure[]): void {
  const out = argValue('out');
  if (out) writeFileSync(out, JSON.stringify(figures));
  else console.log(JSON.stringify(figures, null, 2));
}

/** Exits with an error after `seconds`, unless the process has ended by then. */
export function watchdog(seconds: number, what: string): void {
  setTimeout(() => {
    console.error(`${what}: still running after ${seconds} s, giving up`);
    process.exit(124);
  }, seconds * 1000).unref();
}

/** A forked child ends with its parent: no orphan keeps a port or a core busy. */
export function exitWithParent(): void {
  process.on('disconnect', () => process.exit(1));
}

/** The 1-, 5- and 15-minute load averages, as /proc/loadavg says (Linux), for the notes. */
export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}

/** The q-quantile (0..1) of the values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export const MIB = 1024 * 1024;
export const toMiB = (bytes: number): number => bytes / MIB;
