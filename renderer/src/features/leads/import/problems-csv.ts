import Papa from 'papaparse';
import type { RowProblem } from '../../../../../shared/leads/csv-rows';
import { saveFile } from '../../../ui/save-file';

const KIND_LABELS: Record<RowProblem['kind'], string> = {
  rejected: 'not imported',
  skipped: 'skipped (duplicate)',
  warning: 'imported with a change',
};

/**
 * The problems as a CSV for a spreadsheet. Messages quote the user's values, so cells that a
 * spreadsheet would run as formulas are escaped.
 */
export function problemsCsv(problems: readonly RowProblem[]): Blob {
  const text = Papa.unparse(
    [['Row', 'Outcome', 'Problem'], ...problems.map((p) => [String(p.row), KIND_LABELS[p.kind], p.message])],
    { escapeFormulae: true },
  );
  return new Blob([`\uFEFF${text}\r\n`], { type: 'text/csv;charset=utf-8' });
}

export function downloadProblems(problems: readonly RowProblem[]): void {
  saveFile(problemsCsv(problems), 'import-problems.csv');
}
