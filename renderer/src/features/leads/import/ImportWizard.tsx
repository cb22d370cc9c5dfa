import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import {
  type ColumnChoice,
  choicesOf,
  mappingFromChoices,
  suggestMapping,
} from '../../../../../shared/leads/csv-mapping';
import type { DuplicateMode } from '../../../db/leads-repo';
import { useServices } from '../../../services/use-services';
import { useApp } from '../../../store';
import { ImportingView, SummaryView } from './ImportRunView';
import { MapColumnsStep } from './MapColumnsStep';
import { OptionsStep } from './OptionsStep';
import { PickFileStep } from './PickFileStep';
import { PreviewStep } from './PreviewStep';
import {
  type CsvPreview,
  defaultImportSource,
  type ImportProgress,
  type ImportSummary,
  previewCsv,
  runImport,
} from './run-import';

type Step = 'pick' | 'map' | 'preview' | 'options' | 'importing' | 'summary';

const TITLES: Record<Step, string> = {
  pick: 'Import leads: choose a file',
  map: 'Import leads: match the columns',
  preview: 'Import leads: check the first rows',
  options: 'Import leads: options',
  importing: 'Importing leads…',
  summary: 'Import finished',
};
const ORDER: Step[] = ['pick', 'map', 'preview', 'options'];

/** The preview's records read with or without a header row. */
function layout(preview: CsvPreview, hasHeader: boolean) {
  const records = preview.hasHeader ? [preview.headers, ...preview.rows] : preview.rows;
  if (hasHeader) return { headers: records[0] ?? [], rows: records.slice(1) };
  return { headers: preview.headers.map((_, i) => `Column ${i + 1}`), rows: records };
}

/** CSV import: pick → map → preview → options → import → summary. */
export function ImportWizard({ onClose }: { onClose: () => void }) {
  const { leads: repo } = useServices();
  const notify = useApp((s) => s.notify);
  const [step, setStep] = useState<Step>('pick');
  const [file, setFile] = useState<File | null>(null);
  const [reading, setReading] = useState(false);
  const [pickError, setPickError] = useState('');
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [hasHeader, setHasHeader] = useState(true);
  const [choices, setChoices] = useState<ColumnChoice[]>([]);
  const [duplicates, setDuplicates] = useState<DuplicateMode>('skip');
  const [tags, setTags] = useState('');
  const [source, setSource] = useState('');
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const abort = useRef<AbortController | null>(null);
  const startedAt = useRef(0);
  const heading = useRef<HTMLHeadingElement>(null);

  // Focus moves into the dialog, and to each step's heading as the steps change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose whenever the step changes.
  useEffect(() => heading.current?.focus(), [step]);
  // Closing the dialog mid-import (e.g. the screen unmounts) stops the worker; stored batches stay.
  useEffect(() => () => abort.current?.abort(), []);

  const view = useMemo(() => (preview ? layout(preview, hasHeader) : null), [preview, hasHeader]);
  const mapping = useMemo(() => (view ? mappingFromChoices(choices, view.headers) : null), [choices, view]);

  async function chooseFile(chosen: File) {
    setFile(chosen);
    setPreview(null);
    setPickError('');
    setReading(true);
    try {
      const result = await previewCsv(chosen);
      if (!result.ok) return setPickError(result.message);
      setPreview(result);
      setHasHeader(result.hasHeader);
      setChoices(choicesOf(result.suggested, result.headers.length));
      setSource(defaultImportSource(chosen.name));
    } catch (error) {
      setPickError(`The file could not be read: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setReading(false);
    }
  }

  function changeHeader(next: boolean) {
    if (!preview) return;
    setHasHeader(next);
    const shaped = layout(preview, next);
    setChoices(choicesOf(suggestMapping(shaped.headers, shaped.rows), shaped.headers.length));
  }

  async function start() {
    if (!file || !mapping?.ok) return;
    const controller = new AbortController();
    abort.current = controller;
    startedAt.current = performance.now();
    setProgress({
      bytesRead: 0,
      totalBytes: file.size,
      rowsRead: 0,
      inserted: 0,
      merged: 0,
      skipped: 0,
      invalid: 0,
    });
    setStep('importing');
    const result = await runImport(repo, file, {
      mapping: mapping.mapping,
      duplicates,
      source: source.trim() || defaultImportSource(file.name),
      tags: tags.split(',').filter((t) => t.trim()),
      hasHeader,
      signal: controller.signal,
      onProgress: setProgress,
    });
    abort.current = null;
    setSummary(result);
    setStep('summary');
    const stored = (result.inserted + result.merged).toLocaleString('en-US');
    if (result.error) notify('error', `Import stopped: ${stored} leads stored. ${result.error}`);
    else if (result.cancelled)
      notify('info', `Import cancelled; ${stored} leads stored before that were kept.`);
    else
      notify(
        'success',
        `Imported ${result.inserted.toLocaleString('en-US')} leads, updated ${result.merged.toLocaleString('en-US')}.`,
      );
  }

  const canNext =
    step === 'pick' ? Boolean(preview) && !reading : step === 'map' ? Boolean(mapping?.ok) : true;
  const index = ORDER.indexOf(step);
  const next = () => {
    const following = ORDER[index + 1];
    if (following) setStep(following);
  };
  const back = () => {
    const previous = ORDER[index - 1];
    if (previous) setStep(previous);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && step !== 'importing') {
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        onKeyDown={onKeyDown}
      >
        <h2 id="import-title" ref={heading} tabIndex={-1}>
          {TITLES[step]}
        </h2>
        {index >= 0 && (
          <p className="muted">
            Step {index + 1} of {ORDER.length}
          </p>
        )}

        {step === 'pick' && (
          <>
            <PickFileStep file={file} busy={reading} error={pickError} onFile={chooseFile} />
            {preview?.warnings.map((w) => (
              <p key={w} className="import-note">
                {w}
              </p>
            ))}
          </>
        )}
        {step === 'map' && view && (
          <MapColumnsStep
            headers={view.headers}
            rows={view.rows}
            choices={choices}
            hasHeader={hasHeader}
            error={mapping && !mapping.ok ? mapping.message : null}
            onChoice={(column, choice) => setChoices((c) => c.map((old, i) => (i === column ? choice : old)))}
            onHasHeader={changeHeader}
          />
        )}
        {step === 'preview' && view && preview && mapping?.ok && (
          <PreviewStep
            headers={view.headers}
            rows={view.rows}
            hasHeader={hasHeader}
            mapping={mapping.mapping}
            delimiter={preview.delimiter}
          />
        )}
        {step === 'options' && (
          <OptionsStep
            duplicates={duplicates}
            tags={tags}
            source={source}
            onDuplicates={setDuplicates}
            onTags={setTags}
            onSource={setSource}
          />
        )}
        {step === 'importing' && progress && (
          <ImportingView
            progress={progress}
            startedAt={startedAt.current}
            onCancel={() => abort.current?.abort()}
          />
        )}
        {step === 'summary' && summary && <SummaryView summary={summary} onClose={onClose} />}

        {index >= 0 && (
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Close
            </button>
            {index > 0 && (
              <button type="button" onClick={back}>
                Back
              </button>
            )}
            {step === 'options' ? (
              <button type="button" className="primary" onClick={start}>
                Import
              </button>
            ) : (
              <button type="button" className="primary" disabled={!canNext} onClick={next}>
                Next
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
