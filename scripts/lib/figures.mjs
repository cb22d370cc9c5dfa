// @ts-check

/**
 * One benchmark figure as bench/results.json stores it. `target` is a ceiling (lower is better), except for
 * rates (a unit ending in "/s", e.g. msgs/s): there it is a floor (higher is better).
 * @typedef {{ id: string, value: number, unit: string, target: number | null, note: string }} Figure
 */

/** @param {Pick<Figure, 'unit'>} figure */
export function higherIsBetter(figure) {
  return figure.unit.endsWith('/s');
}

/** @param {readonly number[]} values */
export function median(values) {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
}

/** @param {number} value */
export function round(value) {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
}

/** @param {Figure} figure */
export function verdict(figure) {
  if (figure.target === null || !Number.isFinite(figure.value)) return '-';
  const met = higherIsBetter(figure) ? figure.value >= figure.target : figure.value <= figure.target;
  return met ? 'ok' : 'MISS';
}

/**
 * A plain-text table: id, value, unit, target, mark, note.
 * @param {readonly Figure[]} figures
 */
export function formatTable(figures) {
  const rows = [
    ['id', 'value', 'unit', 'target', '', 'note'],
    ...figures.map((f) => [
      f.id,
      Number.isFinite(f.value) ? String(round(f.value)) : 'n/a',
      f.unit,
      f.target === null ? '' : `${higherIsBetter(f) ? '>=' : '<='} ${f.target}`,
      verdict(f),
      f.note,
    ]),
  ];
  const widths = [0, 1, 2, 3, 4].map((c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) =>
          c === 5 ? cell : c === 1 || c === 3 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
