/**
 * The import report's problems, grouped: a warning that repeats on 2,000 rows is one line with a count and a
 * few example rows, not 2,000 lines. Problems group when they say the same thing apart from the row number;
 * repeats of an earlier row group by kind, since each names its own address.
 */
import type { RowProblem } from '../../../../../shared/leads/csv-rows';

export interface ProblemGroup {
  kind: RowProblem['kind'];
  code: RowProblem['code'];
  /** what the rep reads: the problem's own message for one row, the shared text and a count for several */
  text: string;
  count: number;
  /** the first few rows it happened on */
  rows: number[];
}

const EXAMPLE_ROWS = 3;
const ROW_PREFIX = /^Row \d+: /;

const n = (value: number) => value.toLocaleString('en-US');

/** What the problem says without its row number; duplicates share one text. */
function groupText(problem: RowProblem): string {
  if (problem.code === 'duplicate') return 'The address repeats an earlier row of the file; skipped.';
  const text = problem.message.replace(ROW_PREFIX, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Groups in the order their first row appeared. */
export function groupProblems(problems: readonly RowProblem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup & { first: RowProblem }>();
  for (const problem of problems) {
    const text = groupText(problem);
    const key = `${problem.kind}\u0000${problem.code}\u0000${text}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, {
        kind: problem.kind,
        code: problem.code,
        text,
        count: 1,
        rows: [problem.row],
        first: problem,
      });
      continue;
    }
    group.count++;
    if (group.rows.length < EXAMPLE_ROWS) group.rows.push(problem.row);
  }
  return [...groups.values()].map(({ first, ...group }) =>
    group.count === 1 ? { ...group, text: first.message } : group,
  );
}

/** "2,000 rows: 2, 3, 4 and 1,997 more" */
export function rowsLabel(group: ProblemGroup): string {
  if (group.count === 1) return '';
  const more = group.count - group.rows.length;
  return `${n(group.count)} rows: ${group.rows.join(', ')}${more > 0 ? ` and ${n(more)} more` : ''}`;
}
