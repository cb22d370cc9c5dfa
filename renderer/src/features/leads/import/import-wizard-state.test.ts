import { describe, expect, it } from 'vitest';
import type { ImportSummary } from './import-tally';
import {
  canGoNext,
  finishNotice,
  importRequest,
  initialWizardState,
  layout,
  type WizardAction,
  type WizardState,
  wizardReducer,
} from './import-wizard-state';
import { previewCsv } from './run-import';

const file = (text: string, name = 'leads.csv') => new File([text], name);
const run = (actions: WizardAction[], from: WizardState = initialWizardState) =>
  actions.reduce(wizardReducer, from);

async function previewed(text: string) {
  const chosen = file(text);
  const preview = await previewCsv(chosen);
  if (!preview.ok) throw new Error(preview.message);
  return {
    chosen,
    preview,
    state: run([
      { type: 'file-chosen', file: chosen },
      { type: 'file-previewed', file: chosen, preview, source: 'import: leads.csv (2026-01-01)' },
    ]),
  };
}

const summary = (patch: Partial<ImportSummary>): ImportSummary => ({
  bytesRead: 1,
  totalBytes: 1,
  rowsRead: 3,
  inserted: 1200,
  merged: 3,
  skipped: 0,
  invalid: 0,
  problems: [],
  problemsTruncated: false,
  headers: [],
  cancelled: false,
  durationMs: 5,
  ...patch,
});

describe('import wizard state', () => {
  it('takes a previewed file’s header guess, suggested columns and source', async () => {
    const { state } = await previewed('Email,First Name\nann@acme.com,Ann\n');
    expect(state).toMatchObject({
      reading: false,
      hasHeader: true,
      choices: ['email', 'firstName'],
      source: 'import: leads.csv (2026-01-01)',
      step: 'pick',
    });
    expect(canGoNext(state, null)).toBe(true);
  });

  it('ignores the answer for a file the rep has since replaced', async () => {
    const { chosen, preview } = await previewed('Email\nann@acme.com\n');
    const other = file('x', 'other.csv');
    const state = run([
      { type: 'file-chosen', file: chosen },
      { type: 'file-chosen', file: other },
      { type: 'file-previewed', file: chosen, preview, source: 'old' },
      { type: 'file-refused', file: chosen, message: 'old problem' },
    ]);
    expect(state).toMatchObject({ file: other, reading: true, preview: null, pickError: '', source: '' });
    expect(canGoNext(state, null)).toBe(false);
  });

  it('re-reads the columns when the header choice changes', async () => {
    const { state, preview } = await previewed('ann@acme.com,Ann\nbob@acme.com,Bob\n');
    expect(state.hasHeader).toBe(false);
    const withHeader = wizardReducer(state, { type: 'header-changed', hasHeader: true });
    expect(layout(preview, true).headers).toEqual(['ann@acme.com', 'Ann']);
    expect(withHeader.hasHeader).toBe(true);
    expect(withHeader.choices).toHaveLength(2);
    expect(withHeader.choices[0]).toBe('email');
    expect(wizardReducer(initialWizardState, { type: 'header-changed', hasHeader: false })).toBe(
      initialWizardState,
    );
  });

  it('moves through the form steps with Next and Back, never past either end', async () => {
    const { state } = await previewed('Email\nann@acme.com\n');
    const steps = [];
    let s = wizardReducer(state, { type: 'back' });
    steps.push(s.step);
    for (let i = 0; i < 4; i++) {
      s = wizardReducer(s, { type: 'next' });
      steps.push(s.step);
    }
    s = wizardReducer(s, { type: 'back' });
    steps.push(s.step);
    expect(steps).toEqual(['pick', 'map', 'preview', 'options', 'options', 'preview']);
  });

  it('changes one column, and the options', () => {
    const state = run(
      [
        { type: 'column-chosen', column: 1, choice: 'skip' },
        { type: 'options-changed', patch: { duplicates: 'merge', tags: 'fair, vip' } },
      ],
      { ...initialWizardState, choices: ['email', 'firstName', 'company'] },
    );
    expect(state).toMatchObject({
      choices: ['email', 'skip', 'company'],
      duplicates: 'merge',
      tags: 'fair, vip',
    });
  });

  it('splits address lists only when the rep ticks the option (off by default)', () => {
    const chosen = file('Email\nann@acme.com\n');
    const state = { ...initialWizardState, file: chosen };
    expect(importRequest(state, { email: 0, custom: [] }).splitAddressLists).toBe(false);
    const ticked = wizardReducer(state, { type: 'options-changed', patch: { splitAddressLists: true } });
    expect(importRequest({ ...ticked, file: chosen }, { email: 0, custom: [] }).splitAddressLists).toBe(true);
  });

  it('runs the import from the choices, with the file’s own source when the field was emptied', () => {
    const chosen = file('Email\nann@acme.com\n');
    const state = { ...initialWizardState, file: chosen, source: '  ', tags: 'fair, ,vip', hasHeader: false };
    expect(importRequest(state, { email: 0, custom: [] }, new Date(2026, 0, 2))).toEqual({
      mapping: { email: 0, custom: [] },
      duplicates: 'skip',
      splitAddressLists: false,
      source: 'import: leads.csv (2026-01-02)',
      tags: ['fair', 'vip'],
      hasHeader: false,
    });
    const started = wizardReducer(state, { type: 'import-started' });
    expect(started.step).toBe('importing');
    expect(started.progress).toMatchObject({ totalBytes: chosen.size, rowsRead: 0 });
    const done = wizardReducer(started, { type: 'import-finished', summary: summary({}) });
    expect(done.step).toBe('summary');
  });

  it('tells how the import ended', () => {
    expect(finishNotice(summary({}))).toEqual({ tone: 'success', text: 'Imported 1,200 leads, updated 3.' });
    expect(finishNotice(summary({ cancelled: true }))).toEqual({
      tone: 'info',
      text: 'Import cancelled; 1,203 leads stored before that were kept.',
    });
    expect(finishNotice(summary({ error: 'Disk full.' }))).toEqual({
      tone: 'error',
      text: 'Import stopped: 1,203 leads stored. Disk full.',
    });
  });
});
