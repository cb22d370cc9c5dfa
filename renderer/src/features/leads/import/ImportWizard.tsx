import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useServices } from '../../../services/use-services';
import { useApp } from '../../../store';
import { ImportingView, SummaryView } from './ImportRunView';
import { canGoNext, FORM_STEPS, type Step } from './import-wizard-state';
import { MapColumnsStep } from './MapColumnsStep';
import { OptionsStep } from './OptionsStep';
import { PickFileStep } from './PickFileStep';
import { PreviewStep } from './PreviewStep';
import { useImportWizard } from './use-import-wizard';

const TITLES: Record<Step, string> = {
  pick: 'Import leads: choose a file',
  map: 'Import leads: match the columns',
  preview: 'Import leads: check the first rows',
  options: 'Import leads: options',
  importing: 'Importing leads…',
  summary: 'Import finished',
};

type Wizard = ReturnType<typeof useImportWizard>;

/** CSV import: pick → map → preview → options → import → summary. */
export function ImportWizard({ onClose }: { onClose: () => void }) {
  const { leads } = useServices();
  const notify = useApp((s) => s.notify);
  const wizard = useImportWizard(leads, notify);
  const { step } = wizard.state;
  const index = FORM_STEPS.indexOf(step);
  const heading = useRef<HTMLHeadingElement>(null);

  // Focus moves into the dialog, and to each step's heading as the steps change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose whenever the step changes.
  useEffect(() => heading.current?.focus(), [step]);

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
            Step {index + 1} of {FORM_STEPS.length}
          </p>
        )}
        <WizardStep wizard={wizard} onClose={onClose} />
        {index >= 0 && <WizardActions wizard={wizard} onClose={onClose} />}
      </div>
    </div>
  );
}

/** The body of the current step. */
function WizardStep({ wizard, onClose }: { wizard: Wizard; onClose: () => void }) {
  const { state, dispatch, view, mapping } = wizard;
  switch (state.step) {
    case 'pick':
      return (
        <>
          <PickFileStep
            file={state.file}
            busy={state.reading}
            error={state.pickError}
            onFile={wizard.chooseFile}
          />
          {state.preview?.warnings.map((w) => (
            <p key={w} className="import-note">
              {w}
            </p>
          ))}
        </>
      );
    case 'map':
      return view ? (
        <MapColumnsStep
          headers={view.headers}
          rows={view.rows}
          choices={state.choices}
          hasHeader={state.hasHeader}
          error={mapping && !mapping.ok ? mapping.message : null}
          onChoice={(column, choice) => dispatch({ type: 'column-chosen', column, choice })}
          onHasHeader={(hasHeader) => dispatch({ type: 'header-changed', hasHeader })}
        />
      ) : null;
    case 'preview':
      return view && state.preview && mapping?.ok ? (
        <PreviewStep
          headers={view.headers}
          rows={view.rows}
          hasHeader={state.hasHeader}
          mapping={mapping.mapping}
          delimiter={state.preview.delimiter}
        />
      ) : null;
    case 'options':
      return (
        <OptionsStep
          duplicates={state.duplicates}
          splitAddressLists={state.splitAddressLists}
          tags={state.tags}
          source={state.source}
          onDuplicates={(duplicates) => dispatch({ type: 'options-changed', patch: { duplicates } })}
          onSplitAddressLists={(splitAddressLists) =>
            dispatch({ type: 'options-changed', patch: { splitAddressLists } })
          }
          onTags={(tags) => dispatch({ type: 'options-changed', patch: { tags } })}
          onSource={(source) => dispatch({ type: 'options-changed', patch: { source } })}
        />
      );
    case 'importing':
      return state.progress ? (
        <ImportingView progress={state.progress} startedAt={wizard.startedAt} onCancel={wizard.cancel} />
      ) : null;
    case 'summary':
      return state.summary ? <SummaryView summary={state.summary} onClose={onClose} /> : null;
  }
}

/** Close, Back, and Next — or Import on the last step. */
function WizardActions({ wizard, onClose }: { wizard: Wizard; onClose: () => void }) {
  const { state, dispatch } = wizard;
  return (
    <div className="dialog-actions">
      <button type="button" onClick={onClose}>
        Close
      </button>
      {FORM_STEPS.indexOf(state.step) > 0 && (
        <button type="button" onClick={() => dispatch({ type: 'back' })}>
          Back
        </button>
      )}
      {state.step === 'options' ? (
        <button type="button" className="primary" onClick={wizard.start}>
          Import
        </button>
      ) : (
        <button
          type="button"
          className="primary"
          disabled={!canGoNext(state, wizard.mapping)}
          onClick={() => dispatch({ type: 'next' })}
        >
          Next
        </button>
      )}
    </div>
  );
}
