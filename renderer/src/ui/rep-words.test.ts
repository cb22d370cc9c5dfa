import { describe, expect, it } from 'vitest';
import { BridgeRefusal, refusal, thrownProblem } from './bridge-problem';

// Developer language on screen: a bridge refusal's raw text (it may name a channel and a field's path) or a
// thrown error's own message (RxDB codes, schema paths) printed as is. Screens say it in words through
// bridge-problem.ts, and keep the original behind Details (ui/CodeDetails.tsx) or in the console.

/** The screens swept for issue 9, read as text by Vite (a new file under them is swept too). */
const SWEPT: Record<string, string> = import.meta.glob(
  [
    '../features/outbox/**/*.{ts,tsx}',
    '../features/audit-recovery/**/*.{ts,tsx}',
    '../features/suppression/**/*.{ts,tsx}',
    '../features/compose/**/*.{ts,tsx}',
    '../features/leads/import/**/*.{ts,tsx}',
    '../bridge/audit.ts',
    '!**/*.test.{ts,tsx}',
  ],
  { query: '?raw', import: 'default', eager: true },
);
const RAW = [
  { pattern: /\.error\.message\b/, what: "a bridge refusal's raw text (use bridgeProblem)" },
  { pattern: /instanceof Error \? \w+\.message/, what: "a thrown error's own text (use thrownProblem)" },
  { pattern: /\$\{(?:error|e|err)\.message\}/, what: "a thrown error's own text in a sentence" },
];

describe('words a rep reads', () => {
  it('no swept screen prints an error’s raw text (console lines aside)', () => {
    expect(Object.keys(SWEPT).length).toBeGreaterThan(30);
    const found: string[] = [];
    for (const [file, text] of Object.entries(SWEPT)) {
      text.split('\n').forEach((line, n) => {
        if (line.includes('console.')) return;
        for (const { pattern, what } of RAW) if (pattern.test(line)) found.push(`${file}:${n + 1}: ${what}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('a thrown error is the fallback in words, its text kept for Details; a form check’s own words stay', () => {
    const database = thrownProblem(
      new Error('RxError (DXE1): Dexie bulkPut failed at /rank'),
      'Could not save.',
    );
    expect(database).toEqual({
      text: 'Could not save.',
      details: 'Error: RxError (DXE1): Dexie bulkPut failed at /rank',
    });
    class SuppressionInputError extends Error {
      override name = 'SuppressionInputError';
    }
    expect(thrownProblem(new SuppressionInputError('Enter a full email address.'), 'x').text).toBe(
      'Enter a full email address.',
    );
    expect(thrownProblem('odd', 'Could not save.').text).toBe('Could not save.');
  });

  it('a refusal thrown through a repository keeps bridgeProblem’s words, not the channel', () => {
    const thrown = refusal({
      code: 'invalid-input',
      message: 'Invalid request for suppression.keys at values.0: Too small',
    });
    expect(thrown).toBeInstanceOf(BridgeRefusal);
    const problem = thrownProblem(thrown, 'fallback');
    expect(problem.text).not.toMatch(/suppression\.keys|values\.0|Invalid request/);
    expect(problem.details).toBe(
      'invalid-input: Invalid request for suppression.keys at values.0: Too small',
    );
    expect(
      thrownProblem(
        refusal({ code: 'transient', message: 'The mail server is busy; try again in a minute.' }),
        'x',
      ).text,
    ).toBe('The mail server is busy; try again in a minute.');
  });
});
