import { describe, expect, it } from 'vitest';
import { CONTENT_CORPUS } from './corpus';
import { formatTally, type Judged, judge, tally } from './corpus/measure';

const judged = CONTENT_CORPUS.map(judge);
const { rows, totals } = tally(judged);
const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
const misjudged = (label: string, wrong: (j: Judged) => boolean) =>
  judged
    .filter((j) => j.draft.label === label && wrong(j))
    .map((j) => `${j.draft.id} → ${j.verdict} [${j.codes.join(', ')}]`);

describe('the content gate on a labelled corpus of real-world drafts', () => {
  it('prints blocked / flagged / passed / false alarms per category', () => {
    console.log(`\n${formatTally([...rows, totals.clean, totals.risky, totals.deceptive])}\n`);
    expect(CONTENT_CORPUS.length).toBeGreaterThanOrEqual(120);
    expect(new Set(CONTENT_CORPUS.map((d) => d.id)).size).toBe(CONTENT_CORPUS.length);
  });

  it('blocks at least 97% of deceptive drafts', () => {
    const missed = misjudged('deceptive', (j) => j.verdict !== 'block');
    expect(share(totals.deceptive.blocked, totals.deceptive.n), missed.join('\n')).toBeGreaterThanOrEqual(
      0.97,
    );
  });

  it('flags (warns or blocks) at least 90% of risky drafts', () => {
    const missed = misjudged('risky', (j) => j.verdict === 'ok');
    const flagged = totals.risky.blocked + totals.risky.warned;
    expect(share(flagged, totals.risky.n), missed.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('passes at least 97% of clean drafts and blocks none', () => {
    const alarms = misjudged('clean', (j) => j.verdict !== 'ok');
    expect(totals.clean.blocked, alarms.join('\n')).toBe(0);
    expect(share(totals.clean.passed, totals.clean.n), alarms.join('\n')).toBeGreaterThanOrEqual(0.97);
  });
});
