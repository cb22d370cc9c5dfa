import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DraftFields, DraftsRepo } from '../../db/drafts-repo';
import { createDraftKeeper, onWindowClose } from './draft-keeper';
import { asksBeforeClosing } from './draft-rules';

export interface ComposeDraft {
  /** the lead's saved draft has been read (and put in the form): the rep may type */
  ready: boolean;
  /** when the draft put back in the form was saved (null: Compose opened empty) */
  restoredAt: number | null;
  /** closing would throw away text typed in this Compose: ask first */
  asks: boolean;
  /** a save that failed, in words (the form keeps the text) */
  problem: string;
  /** saves what is in the form now (closing with "Keep as draft") */
  keep(): Promise<void>;
  /** removes the draft; nothing more is saved (closing with "Discard", or after a send) */
  discard(): Promise<void>;
  /** removes the restored draft and empties the form; Compose stays open */
  startOver(): Promise<void>;
  /** closes the window after the question the window's own close raised (Electron) */
  closeWindow(): void;
}

const AUTOSAVE_MS = 500;

/**
 * The draft behind one Compose (draft-keeper.ts keeps it): reads the lead's draft into the form, saves what
 * the rep types `AUTOSAVE_MS` after the last key and when Compose closes, and guards the window's close.
 */
export function useComposeDraft({
  drafts,
  leadId,
  fields,
  apply,
  onWindowAsk,
}: {
  drafts: DraftsRepo;
  leadId: string | null;
  /** the form now (a new object only when a field changes) */
  fields: DraftFields;
  /** puts a draft's fields into the form */
  apply: (fields: DraftFields) => void;
  /** the window is closing with typed text (Electron): ask, then `closeWindow()` */
  onWindowAsk: () => void;
}): ComposeDraft {
  const keeper = useMemo(() => (leadId ? createDraftKeeper(drafts, leadId) : null), [drafts, leadId]);
  const [opened, setOpened] = useState<{
    leadId: string;
    with: DraftFields;
    restoredAt: number | null;
  } | null>(null);
  const [problem, setProblem] = useState('');
  const ready = opened !== null && opened.leadId === leadId;
  const asks = ready && asksBeforeClosing(fields, opened.with);

  // what the handlers below read when they run
  const live = useRef({ keeper, fields, ready, asks, apply, onWindowAsk });
  live.current = { keeper, fields, ready, asks, apply, onWindowAsk };
  const closingWindow = useRef(false);

  const report = useCallback((error: unknown) => {
    // the database's own text is for developers: the console has it
    console.warn('draft not saved', error);
    setProblem(
      'Your draft could not be saved on this computer. Copy what you wrote before you close Compose.',
    );
  }, []);
  const save = useCallback(
    (form: DraftFields) =>
      keeper?.save(form).then(
        () => setProblem(''),
        (error: unknown) => report(error),
      ),
    [keeper, report],
  );

  // The lead's draft, read once a lead is known; what it holds goes into the form.
  useEffect(() => {
    if (!keeper) return;
    let current = true;
    keeper.open().then(
      (draft) => {
        if (!current) return;
        if (draft) live.current.apply(draft);
        const { updatedAt, ...kept } = draft ?? { ...live.current.fields, updatedAt: null };
        setOpened({ leadId: keeper.leadId, with: kept, restoredAt: updatedAt });
      },
      (error: unknown) => {
        if (!current) return;
        report(error);
        setOpened({ leadId: keeper.leadId, with: live.current.fields, restoredAt: null });
      },
    );
    return () => {
      current = false;
    };
  }, [keeper, report]);

  // Autosave, a moment after the last change.
  useEffect(() => {
    if (!ready) return;
    const timer = setTimeout(() => void save(fields), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [ready, fields, save]);

  // Closing Compose by any way keeps what was typed (the keeper saves nothing once discarded or sent). The
  // form as last shown with this keeper's lead, not as the next render has it (another lead, emptied).
  const shown = useRef({ ready, fields });
  useEffect(() => {
    shown.current = { ready, fields };
  });
  useEffect(
    () => () => {
      if (shown.current.ready) void save(shown.current.fields);
    },
    [save],
  );

  // The window closing (or reloading) with Compose open.
  useEffect(() => {
    function onBeforeUnload(event: BeforeUnloadEvent) {
      const { keeper: k, ready: isReady, fields: form, asks: wouldAsk } = live.current;
      if (!k || !isReady || closingWindow.current) return;
      const action = onWindowClose(window.fairsend ? 'electron' : 'browser', wouldAsk, k.unsaved(form));
      if (action === 'close') return;
      event.preventDefault();
      if (action === 'ask-in-app') return live.current.onWindowAsk();
      void save(form);
      event.returnValue = ''; // older Chromium shows its prompt only with this set
    }
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [save]);

  return {
    ready,
    restoredAt: ready ? opened.restoredAt : null,
    asks,
    problem,
    keep: async () => {
      if (keeper && ready) await keeper.save(fields);
    },
    discard: async () => {
      await keeper?.finish();
    },
    async startOver() {
      if (!keeper) return;
      await keeper.clear();
      const empty = { mailboxId: fields.mailboxId, subject: '', body: '' };
      apply(empty);
      setOpened({ leadId: keeper.leadId, with: empty, restoredAt: null });
    },
    closeWindow() {
      closingWindow.current = true;
      window.close();
    },
  };
}
