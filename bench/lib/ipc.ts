/**
 * Typed request/answer over a forked child's IPC channel: the parent forks a Node 24 + tsx child and waits for
 * its one result message (or its exit, which is an error), with a deadline.
 */
import { type ChildProcess, fork } from 'node:child_process';

export interface Forked<T> {
  child: ChildProcess;
  /** the child's first IPC message */
  first: Promise<T>;
}

/** Forks a .ts file with the same Node and tsx loader as this process. */
export function forkTs<T>(
  file: URL,
  args: readonly string[],
  deadlineMs: number,
  execArgv: string[] = [],
): Forked<T> {
  const child = fork(file, [...args], {
    execArgv: [...process.execArgv, ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const first = new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file.pathname} gave no answer within ${deadlineMs} ms`));
    }, deadlineMs);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as T);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${file.pathname} exited (${signal ?? code}) before answering`));
    });
  });
  return { child, first };
}

/** Runs a child to its one answer and waits for it to exit. */
export async function runChild<T>(
  file: URL,
  args: readonly string[],
  deadlineMs: number,
  execArgv: string[] = [],
): Promise<T> {
  const { child, first } = forkTs<T>(file, args, deadlineMs, execArgv);
  const answer = await first;
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise((resolve) => child.once('exit', resolve));
  }
  return answer;
}

/** Sends the parent one message, then disconnects so the process can end. */
export function answerParent(message: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      resolve();
      return;
    }
    process.send(message, (error: Error | null) => {
      if (error) reject(error);
      else {
        process.removeAllListeners('disconnect');
        process.disconnect?.();
        resolve();
      }
    });
  });
}
