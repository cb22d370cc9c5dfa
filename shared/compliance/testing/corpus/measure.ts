import { decide } from '../../gate';
import { htmlToText } from '../../links';
import type { Verdict } from '../../reasons';
import { cleanGateFacts } from '../clean-facts';
import type { CorpusDraft, Label } from './types';

export interface Judged {
  draft: CorpusDraft;
  verdict: Verdict;
  codes: string[];
}

/** Runs one draft through the real gate decision, with the plain-text part the send path would give it. */
export function judge(draft: CorpusDraft): Judged {
  const html = draft.html ?? '';
  const text = draft.text?.trim() ? draft.text : htmlToText(html);
  const decision = decide(
    cleanGateFacts({
      subject: draft.subject,
      html,
      text,
      isFirstTouch: draft.isFirstTouch ?? true,
      ...(draft.attachments ? { attachments: draft.attachments } : {}),
    }),
  );
  return { draft, verdict: decision.verdict, codes: decision.reasons.map((r) => r.code) };
}

export interface Tally {
  label: Label;
  category: string;
  n: number;
  blocked: number;
  warned: number;
  passed: number;
  /** clean drafts warned or blocked */
  falseAlarms: number;
  /** risky drafts passed, deceptive drafts not blocked */
  missed: number;
}

const isMiss = (j: Judged): boolean =>
  j.draft.label === 'risky' ? j.verdict === 'ok' : j.draft.label === 'deceptive' && j.verdict !== 'block';

function tallyOf(label: Label, category: string, judged: readonly Judged[]): Tally {
  const count = (f: (j: Judged) => boolean) => judged.filter(f).length;
  return {
    label,
    category,
    n: judged.length,
    blocked: count((j) => j.verdict === 'block'),
    warned: count((j) => j.verdict === 'warn'),
    passed: count((j) => j.verdict === 'ok'),
    falseAlarms: label === 'clean' ? count((j) => j.verdict !== 'ok') : 0,
    missed: count(isMiss),
  };
}

/** One row per (label, category) in corpus order, then one total row per label. */
export function tally(judged: readonly Judged[]): { rows: Tally[]; totals: Record<Label, Tally> } {
  const groups = new Map<string, Judged[]>();
  for (const j of judged) {
    const key = `${j.draft.label}\u0000${j.draft.category}`;
    groups.set(key, [...(groups.get(key) ?? []), j]);
  }
  const rows = [...groups].map(([key, js]) => {
    const [label, category] = key.split('\u0000') as [Label, string];
    return tallyOf(label, category, js);
  });
  const total = (label: Label) =>
    tallyOf(
      label,
      'all',
      judged.filter((j) => j.draft.label === label),
    );
  return { rows, totals: { clean: total('clean'), risky: total('risky'), deceptive: total('deceptive') } };
}

/** A fixed-width table for the test output. */
export function formatTally(rows: readonly Tally[]): string {
  const head = ['label', 'category', 'n', 'blocked', 'warn', 'passed', 'false alarms', 'missed'];
  const body = rows.map((r) => [
    r.label,
    r.category,
    r.n,
    r.blocked,
    r.warned,
    r.passed,
    r.label === 'clean' ? r.falseAlarms : '–',
    r.label === 'clean' ? '–' : r.missed,
  ]);
  const cells = [head, ...body].map((row) => row.map(String));
  const widths = head.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells
    .map((row) =>
      row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '),
    )
    .join('\n');
}
