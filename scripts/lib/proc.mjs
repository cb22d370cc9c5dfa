// @ts-check
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (scripts/lib/ is two levels down). */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Node 24 for everything we run: vitest crashes on Node 20 when it reports a failure, and Electron 45 ships
 * Node 24. `npm run` puts node_modules/.bin (the `node@24` devDependency) first on PATH, but a script may also be
 * started with the system's node, so resolve the binary explicitly.
 * @returns {string}
 */
export function node24(root = ROOT) {
  if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
  const local = join(root, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (existsSync(local)) return local;
  throw new Error(
    `Node 24 is needed (this is ${process.version}) and node_modules has none: run \`npm ci\` first.`,
  );
}

/** A package's CLI entry, run with Node 24 rather than through its shell shim. */
export const cli = {
  vite: join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
  vitest: join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
  playwright: join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js'),
  electronVite: join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
};

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
let forwarding = false;

/** Ctrl-C and `kill` reach the children; we exit once they have. */
function forwardSignals() {
  if (forwarding) return;
  forwarding = true;
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, () => {
      for (const child of children) child.kill(signal);
      if (!children.size) process.exit(130);
    });
  }
}

/**
 * Runs a command with inherited stdio and resolves with its exit code (a signal counts as failure).
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string }} [options]
 * @returns {Promise<number>}
 */
export function run(command, args, options = {}) {
  forwardSignals();
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      stdio: 'inherit',
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
    });
    children.add(child);
    child.on('error', (error) => {
      children.delete(child);
      fail(error);
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      done(code ?? (signal ? 128 + signalNumber(signal) : 1));
    });
  });
}

/** @param {NodeJS.Signals} signal */
function signalNumber(signal) {
  return signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1;
}
