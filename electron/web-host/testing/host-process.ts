import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface HostProcess {
  child: ChildProcess;
  /** resolves with the URL once the host prints it, or rejects with what it wrote when it exits first */
  started: Promise<string>;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** SIGKILLs the host if it is still running, and waits for it to be gone */
  stop(): Promise<void>;
}

/** `electron/web-host/main.ts` as `npm start` runs it, on a free port (or `port`), with the given data folder. */
export function startHost(dataDir: string, rendererDir: string, port = 0): HostProcess {
  const { FAIRSEND_DEV_VAULT_KEY: _ignored, FAIRSEND_PORT: _port, ...env } = process.env;
  const main = join('electron', 'web-host', 'main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', main, '--port', String(port)], {
    cwd: ROOT,
    env: { ...env, FAIRSEND_DATA_DIR: dataDir, FAIRSEND_RENDERER_DIR: rendererDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.once('close', (code) => done({ code, stdout, stderr })),
  );
  const started = new Promise<string>((done, fail) => {
    child.stdout?.on('data', () => {
      const url = /running at (http:\S+)/.exec(stdout)?.[1];
      if (url) done(url);
    });
    void exited.then(({ code }) => fail(new Error(`host exited (${code}): ${stderr}`)));
  });
  started.catch(() => {});
  return {
    child,
    started,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
