import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'server', 'src', 'cli.ts');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** everything it printed (stdout and stderr), for failure messages and "no stack trace" checks */
  output(): string;
  /** SIGKILL: no shutdown of any kind, as when the machine or the container dies */
  kill(): Promise<void>;
  /** SIGTERM, the graceful way; resolves with the exit code */
  stop(): Promise<number | null>;
}

/**
 * The team server as `npm run server` starts it (Node 24 with tsx, server/src/cli.ts), as a process of its own,
 * on a free port; resolves once it prints its URL. `env` picks the storage (DATA_DIR or DATABASE_URL).
 */
export function startServer(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const exited = once(child, 'exit');
  const server = (url: string): ServerProcess => ({
    url,
    child,
    output: () => printed,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const [code] = await exited;
      return code as number | null;
    },
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the server did not start in ${timeoutMs} ms: ${printed}`));
    }, timeoutMs);
    const read = (chunk: Buffer) => {
      printed += chunk;
      const match = /listening on (https?:\/\/\S+)/.exec(printed);
      if (match?.[1]) {
        clearTimeout(timer);
        done(server(match[1]));
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (${code ?? signal}) before listening: ${printed}`));
    });
  });
}
