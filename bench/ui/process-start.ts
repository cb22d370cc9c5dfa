import { readdir, readFile } from 'node:fs/promises';

/**
 * When the operating system started Chromium's browser process for `profileDir` (epoch ms, 10 ms steps), read
 * from /proc: the start of "a new process" as the rep's computer sees it, without the time the test driver
 * spends launching and attaching to it. Undefined where /proc is missing (not Linux).
 */
export async function browserProcessStartedAt(profileDir: string): Promise<number | undefined> {
  const pids = await readdir('/proc').catch(() => [] as string[]);
  const bootSeconds = await readBootTime();
  if (bootSeconds === undefined) return undefined;
  let newest: number | undefined;
  for (const pid of pids.filter((name) => /^\d+$/.test(name))) {
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (!args.includes(`--user-data-dir=${profileDir}`) || args.some((a) => a.startsWith('--type=')))
      continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // field 22 (starttime, clock ticks since boot) counts from after the command name, which may hold spaces
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    // the newest: an earlier browser on the same profile may still be exiting
    if (Number.isFinite(ticks)) newest = Math.max(newest ?? 0, ticks);
  }
  return newest === undefined ? undefined : (bootSeconds + newest / CLOCK_TICKS_PER_SECOND) * 1000;
}

/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;

/** The boot time in epoch seconds, from the uptime (/proc/stat's btime is whole seconds: too coarse here). */
async function readBootTime(): Promise<number | undefined> {
  const uptime = Number((await readFile('/proc/uptime', 'utf8').catch(() => '')).split(' ')[0]);
  return uptime > 0 ? Date.now() / 1000 - uptime : undefined;
}
