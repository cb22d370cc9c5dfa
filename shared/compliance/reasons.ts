/**
 * Every gate decision carries reasons: a stable code (for the audit log, the Outbox and tests), a sentence
 * a rep understands, and where it helps, how to fix it. `weight` is used by the content score only.
 */
export interface Reason {
  code: string;
  message: string;
  fix?: string;
  weight?: number;
}

/** How a step judged: `block` stops the send, `warn` lets it through and shows the reason. */
export type Verdict = 'ok' | 'warn' | 'block';

export interface StepResult {
  verdict: Verdict;
  reasons: Reason[];
}

export const passed: StepResult = { verdict: 'ok', reasons: [] };

export function worst(...verdicts: Verdict[]): Verdict {
  if (verdicts.includes('block')) return 'block';
  if (verdicts.includes('warn')) return 'warn';
  return 'ok';
}

/** Combines step results: the worst verdict wins, reasons are kept in order. */
export function combine(...results: StepResult[]): StepResult {
  return { verdict: worst(...results.map((r) => r.verdict)), reasons: results.flatMap((r) => r.reasons) };
}
