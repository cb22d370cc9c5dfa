/**
 * The import wizard's state and its transitions, without React: pick → map → preview → options → importing
 * → summary. Each transition is named for what the rep did or what the import reported.
 */
import {
  type ColumnChoice,
  choicesOf,
  type MappingResult,
  suggestMapping,
} from '../../../../../shared/leads/csv-mapping';
import type { DuplicateMode } from '../../../db/leads-repo';
import { type ImportProgress, type ImportSummary, noProgress } from './import-tally';
import type { CsvPreview } from './preview-csv';
import { defaultImportSource, type ImportOptions } from './run-import';

export type Step = 'pick' | 'map' | 'preview' | 'options' | 'importing' | 'summary';

/** The steps the rep moves through with Next and Back. */
export const FORM_STEPS: readonly Step[] = ['pick', 'map', 'preview', 'options'];

export interface WizardState {
  step: Step;
  file: File | null;
  /** the chosen file is being previewed */
  reading: boolean;
  pickError: string;
  preview: CsvPreview | null;
  hasHeader: boolean;
  /** what each column becomes, by column */
  choices: ColumnChoice[];
  duplicates: DuplicateMode;
  /** a cell listing addresses ("a@x.com; b@x.com") becomes one lead per address; off unless the rep ticks it */
  splitAddressLists: boolean;
  /** comma-separated, as typed */
  tags: string;
  source: string;
  progress: ImportProgress | null;
  summary: ImportSummary | null;
}

export type ImportChoices = Pick<WizardState, 'duplicates' | 'splitAddressLists' | 'tags' | 'source'>;

export type WizardAction =
  | { type: 'file-chosen'; file: File }
  | { type: 'file-previewed'; file: File; preview: CsvPreview; source: string }
  | { type: 'file-refused'; file: File; message: string }
  | { type: 'header-changed'; hasHeader: boolean }
  | { type: 'column-chosen'; column: number; choice: ColumnChoice }
  | { type: 'options-changed'; patch: Partial<ImportChoices> }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'import-started' }
  | { type: 'import-progressed'; progress: ImportProgress }
  | { type: 'import-finished'; summary: ImportSummary };

export const initialWizardState: WizardState = {
  step: 'pick',
  file: null,
  reading: false,
  pickError: '',
  preview: null,
  hasHeader: true,
  choices: [],
  duplicates: 'skip',
  splitAddressLists: false,
  tags: '',
  source: '',
  progress: null,
  summary: null,
};

/** The preview's records read with or without a header row. */
export function layout(preview: CsvPreview, hasHeader: boolean): { headers: string[]; rows: string[][] } {
  const records = preview.hasHeader ? [preview.headers, ...preview.rows] : preview.rows;
  if (hasHeader) return { headers: records[0] ?? [], rows: records.slice(1) };
  return { headers: preview.headers.map((_, i) => `Column ${i + 1}`), rows: records };
}

/** The columns' suggested roles for the preview read with or without a header. */
function suggestedChoices(preview: CsvPreview, hasHeader: boolean): ColumnChoice[] {
  const shaped = layout(preview, hasHeader);
  return choicesOf(suggestMapping(shaped.headers, shaped.rows), shaped.headers.length);
}

function moveBy(step: Step, by: 1 | -1): Step {
  const index = FORM_STEPS.indexOf(step);
  return index < 0 ? step : (FORM_STEPS[index + by] ?? step);
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'file-chosen':
      return { ...state, file: action.file, preview: null, pickError: '', reading: true };
    case 'file-previewed':
      // A slower read of a file the rep has since replaced changes nothing.
      if (action.file !== state.file) return state;
      return {
        ...state,
        reading: false,
        preview: action.preview,
        hasHeader: action.preview.hasHeader,
        choices: choicesOf(action.preview.suggested, action.preview.headers.length),
        source: action.source,
      };
    case 'file-refused':
      if (action.file !== state.file) return state;
      return { ...state, reading: false, pickError: action.message };
    case 'header-changed':
      if (!state.preview) return state;
      return {
        ...state,
        hasHeader: action.hasHeader,
        choices: suggestedChoices(state.preview, action.hasHeader),
      };
    case 'column-chosen':
      return {
        ...state,
        choices: state.choices.map((old, i) => (i === action.column ? action.choice : old)),
      };
    case 'options-changed':
      return { ...state, ...action.patch };
    case 'next':
      return { ...state, step: moveBy(state.step, 1) };
    case 'back':
      return { ...state, step: moveBy(state.step, -1) };
    case 'import-started':
      return { ...state, step: 'importing', progress: noProgress(state.file?.size ?? 0) };
    case 'import-progressed':
      return { ...state, progress: action.progress };
    case 'import-finished':
      return { ...state, step: 'summary', summary: action.summary };
  }
}

/** Whether Next may be pressed: a file read without trouble, an address column chosen. */
export function canGoNext(state: WizardState, mapping: MappingResult | null): boolean {
  if (state.step === 'pick') return Boolean(state.preview) && !state.reading;
  if (state.step === 'map') return Boolean(mapping?.ok);
  return true;
}

/** What the import runs with, from the rep's choices (an emptied source falls back to the file's). */
export function importRequest(
  state: WizardState & { file: File },
  mapping: ImportOptions['mapping'],
  now = new Date(),
): Pick<ImportOptions, 'mapping' | 'duplicates' | 'source' | 'tags' | 'hasHeader' | 'splitAddressLists'> {
  return {
    mapping,
    duplicates: state.duplicates,
    splitAddressLists: state.splitAddressLists,
    source: state.source.trim() || defaultImportSource(state.file.name, now),
    tags: state.tags.split(',').filter((t) => t.trim()),
    hasHeader: state.hasHeader,
  };
}

/** The toast once the import has run. */
export function finishNotice(summary: ImportSummary): { tone: 'error' | 'info' | 'success'; text: string } {
  const stored = (summary.inserted + summary.merged).toLocaleString('en-US');
  if (summary.error)
    return { tone: 'error', text: `Import stopped: ${stored} leads stored. ${summary.error}` };
  if (summary.cancelled)
    return { tone: 'info', text: `Import cancelled; ${stored} leads stored before that were kept.` };
  return {
    tone: 'success',
    text: `Imported ${summary.inserted.toLocaleString('en-US')} leads, updated ${summary.merged.toLocaleString('en-US')}.`,
  };
}
