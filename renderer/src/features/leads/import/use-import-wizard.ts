import { useEffect, useMemo, useReducer, useRef } from 'react';
import { mappingFromChoices } from '../../../../../shared/leads/csv-mapping';
import type { LeadsRepo } from '../../../db/leads-repo';
import type { Toast } from '../../../store';
import {
  finishNotice,
  importRequest,
  initialWizardState,
  layout,
  wizardReducer,
} from './import-wizard-state';
import { defaultImportSource, previewCsv, runImport } from './run-import';

/**
 * The wizard's state with the work its steps start: previewing the chosen file and running the import.
 * Closing the wizard mid-import (e.g. the screen unmounts) stops the worker; stored batches stay.
 */
export function useImportWizard(
  repo: Pick<LeadsRepo, 'importBatch'>,
  notify: (tone: Toast['tone'], text: string) => void,
) {
  const [state, dispatch] = useReducer(wizardReducer, initialWizardState);
  const abort = useRef<AbortController | null>(null);
  const startedAt = useRef(0);
  useEffect(() => () => abort.current?.abort(), []);

  const { preview, hasHeader, choices } = state;
  const view = useMemo(() => (preview ? layout(preview, hasHeader) : null), [preview, hasHeader]);
  const mapping = useMemo(() => (view ? mappingFromChoices(choices, view.headers) : null), [choices, view]);

  async function chooseFile(file: File) {
    dispatch({ type: 'file-chosen', file });
    try {
      const result = await previewCsv(file);
      if (!result.ok) dispatch({ type: 'file-refused', file, message: result.message });
      else
        dispatch({ type: 'file-previewed', file, preview: result, source: defaultImportSource(file.name) });
    } catch (error) {
      console.warn('import: the file could not be read', error);
      dispatch({
        type: 'file-refused',
        file,
        message:
          'The file could not be read. Check that it is still there and opens on this computer, then choose it again.',
      });
    }
  }

  async function start() {
    const { file } = state;
    if (!file || !mapping?.ok) return;
    const controller = new AbortController();
    abort.current = controller;
    startedAt.current = performance.now();
    dispatch({ type: 'import-started' });
    const summary = await runImport(repo, file, {
      ...importRequest({ ...state, file }, mapping.mapping),
      signal: controller.signal,
      onProgress: (progress) => dispatch({ type: 'import-progressed', progress }),
    });
    abort.current = null;
    dispatch({ type: 'import-finished', summary });
    const notice = finishNotice(summary);
    notify(notice.tone, notice.text);
  }

  return {
    state,
    dispatch,
    /** the preview's headers and rows as the header choice reads them */
    view,
    mapping,
    chooseFile,
    start,
    cancel: () => abort.current?.abort(),
    startedAt: startedAt.current,
  };
}
