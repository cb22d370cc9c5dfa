import Papa from 'papaparse';
import type { RowProblem } from '../../../../../shared/leads/csv-rows';
import { saveFile } from '../../../ui/save-file';

const KIND_LABELS: Record<RowProblem['kind'], string> = {
  rejected: 'not imported',
  skipped: 'skipped (duplicate)',
  warning: 'imported with a change',
};

/**
 * The problems as a CSV for a spreadsheet: row, outcome and problem, then the row's original columns (for a row
 * that was not imported), so the rep can fix the values there and import those rows again. Messages and values
 * come from the user's file, so cells that a spreadsheet would run as formulas are escaped. The BOM is added by
 * saveFile, as for every CSV.
 */
export function problemsCsv(problems: readonly RowProblem[], headers: readonly string[] = []): Blob {
  const width = Math.max(headers.length, ...problems.map((p) => p.cells?.length ?? 0));
  const columns = Array.from({ length: width }, (_, i) => headers[i]?.trim() || `Column ${i + 1}`);
  const rows = problems.map((p) => [
    String(p.row),
    KIND_LABELS[p.kind],
    p.message,
    ...Array.from({ length: width }, (_, i) => p.cells?.[i] ?? ''),
  ]);
  const text = Papa.unparse([['Row', 'Outcome', 'Problem', ...columns], ...rows], { escapeFormulae: true });
  return new Blob([`${text}\r\n`], { type: 'text/csv;charset=utf-8' });
}

export function downloadProblems(problems: readonly RowProblem[], headers: readonly string[] = []): void {
  saveFile(problemsCsv(problems, headers), 'import-problems.csv');
}
