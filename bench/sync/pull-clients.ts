/**
 * The sync bench's pulling desktops, in a process of their own (forked by run.ts through pull.ts):
 * `pull-clients.ts --base URL --expected N --runs R TOKEN…` — every token pulls everything at once, R times,
 * and the measures go back to the parent.
 */
import { argValue, exitWithParent, watchdog } from '../lib/child';
import { answerParent } from '../lib/ipc';
import { type PullMeasure, pullAtOnce } from './pull';

watchdog(600, 'sync pull clients');
exitWithParent();
const base = argValue('base')!;
const expected = Number(argValue('expected'));
const runs = Number(argValue('runs') ?? 1);
const tokens = process.argv
  .slice(2)
  .filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
const measures: PullMeasure[] = [];
for (let run = 0; run < runs; run++) measures.push(await pullAtOnce(base, tokens, expected));
await answerParent(measures);
