/**
 * Runs `fn` at most once per `ms`, always after the last call (trailing), so a burst of repo writes
 * (an import stores a chunk every few milliseconds) becomes one re-read every `ms`.
 */
export function throttle(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  const run = () => {
    if (timer !== undefined) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        last = Date.now();
        fn();
      },
      Math.max(0, last + ms - Date.now()),
    );
  };
  run.cancel = () => clearTimeout(timer);
  return run;
}
