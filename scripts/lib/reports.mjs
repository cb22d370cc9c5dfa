// @ts-check
import { readFileSync } from 'node:fs';

/** @typedef {{ passed: number, failed: number }} Counts */

/**
 * Vitest's JSON reporter (Jest-compatible): failed includes tests of suites that could not load.
 * @param {unknown} report
 * @returns {Counts}
 */
export function vitestCounts(report) {
  const r =
    /** @type {{ numPassedTests?: number, numFailedTests?: number, numFailedTestSuites?: number, numTotalTestSuites?: number, testResults?: { status?: string, assertionResults?: unknown[] }[] }} */ (
      report
    );
  // A file that fails to import has no assertions; count it as one failure so it cannot pass silently.
  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && !f.assertionResults?.length,
  ).length;
  return { passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + brokenFiles };
}

/**
 * Playwright's JSON reporter: `expected` passed, `unexpected` failed, `flaky` passed on a retry.
 * Errors outside any test (a broken config or fixture file) count as one failure.
 * @param {unknown} report
 * @returns {Counts}
 */
export function playwrightCounts(report) {
  const r =
    /** @type {{ stats?: { expected?: number, unexpected?: number, flaky?: number }, errors?: unknown[] }} */ (
      report
    );
  const stats = r.stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + ((r.errors?.length ?? 0) > 0 ? 1 : 0),
  };
}

/**
 * Reads a JSON report, or null when the runner died before writing it.
 * @param {string} file
 * @returns {unknown}
 */
export function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
