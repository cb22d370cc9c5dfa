// @ts-check
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node24, ROOT, run } from '../../scripts/lib/proc.mjs';

/** @typedef {import('../../scripts/lib/figures.mjs').Figure} Figure */

/**
 * Runs a Node bench group (bench/<group>/run.ts) as a child process with Node 24 and tsx (the Node that
 * Electron 45 ships), and returns the figures it wrote to the `--out` file. The group stops itself (each run.ts
 * has a watchdog); a non-zero exit or a missing file is an error.
 * @param {string} file path from the repository root, e.g. 'bench/gate/run.ts'
 * @param {readonly string[]} [args]
 * @returns {Promise<Figure[]>}
 */
export async function runNodeGroup(file, args = []) {
  const dir = await mkdtemp(join(tmpdir(), 'fairsend-bench-'));
  const out = join(dir, 'figures.json');
  try {
    const code = await run(node24(), ['--import', 'tsx', join(ROOT, file), '--out', out, ...args]);
    if (code !== 0) throw new Error(`${file} exited with code ${code}`);
    return /** @type {Figure[]} */ (JSON.parse(await readFile(out, 'utf8')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
