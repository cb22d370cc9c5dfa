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

/**
 * The results file after a run: each new figure replaces the one with its id, in place; the rest of the file
 * (other groups' figures) is kept, and new ids are added at the end.
 * @param {readonly Figure[]} previous
 * @param {readonly Figure[]} fresh
 * @returns {Figure[]}
 */
export function mergeFigures(previous, fresh) {
  const byId = new Map(fresh.map((f) => [f.id, f]));
  const kept = previous.map((f) => byId.get(f.id) ?? f);
  const known = new Set(previous.map((f) => f.id));
  return [...kept, ...fresh.filter((f) => !known.has(f.id))];
}
