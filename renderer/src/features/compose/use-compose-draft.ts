import { useCallback, useEffect, useRef, useState } from 'react';
import { type DraftFields, type DraftsRepo, isBlankDraft } from '../../db/drafts-repo';
import { asksBeforeClosing, sameDraft } from './draft-rules';

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

const pick = ({ mailboxId, subject, body }: DraftFields): DraftFields => ({ mailboxId, subject, body });
const AUTOSAVE_MS = 500;

/**
 * The draft behind one Compose: reads the lead's draft and puts it in the form, saves what the rep types
 * `AUTOSAVE_MS` after the last key and when Compose closes, and guards the window: in Electron a close with
 * typed text is held and `onWindowClose` asks in the app; in browser mode the page can only use the browser's
 * own prompt, so it asks only while a save is still due (otherwise the draft is already kept).
 */
export function useComposeDraft({
  drafts,
  leadId,
  fields,
  apply,
  onWindowClose,
}: {
  drafts: DraftsRepo;
  leadId: string | null;
  /** the form now (a new object only when a field changes) */
  fields: DraftFields;
  /** puts a draft's fields into the form */
  apply: (fields: DraftFields) => void;
  onWindowClose: () => void;
}): ComposeDraft {
  const [opened, setOpened] = useState<{
    leadId: string;
    with: DraftFields;
    restoredAt: number | null;
  } | null>(null);
  const [problem, setProblem] = useState('');
  const ready = opened !== null && opened.leadId === leadId;
  const asks = ready && asksBeforeClosing(fields, opened.with);

  // what the handlers below read at the moment they run
  const live = useRef({ leadId, fields, ready, asks, apply, onWindowClose });
  live.current = { leadId, fields, ready, asks, apply, onWindowClose };
  /** what the store holds for the lead (null: no draft) */
  const saved = useRef<{ leadId: string; fields: DraftFields | null } | null>(null);
  /** discarded or sent: nothing more is saved */
  const done = useRef(false);
  /** writes run one after another, so a removal never overtakes a save */
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const closingWindow = useRef(false);

  const run = useCallback(<T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(task);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const persist = useCallback(
    (id: string, form: DraftFields) =>
      run(async () => {
        const held = saved.current?.leadId === id ? saved.current.fields : null;
        if (held ? sameDraft(held, form) : isBlankDraft(form)) return;
        const doc = await drafts.save(id, form);
        saved.current = { leadId: id, fields: doc ? pick(doc) : null };
        setProblem('');
      }),
    [drafts, run],
  );

  const report = useCallback((error: unknown) => {
    const why = error instanceof Error ? error.message : String(error);
    setProblem(`Your draft could not be saved on this computer: ${why}`);
  }, []);

  // The lead's draft, read once a lead is known; what it holds goes into the form.
  useEffect(() => {
    if (!leadId) return;
    let current = true;
    done.current = false;
    drafts.get(leadId).then(
      (draft) => {
        if (!current) return;
        saved.current = { leadId, fields: draft ? pick(draft) : null };
        if (draft) live.current.apply(pick(draft));
        setOpened({
          leadId,
          with: draft ? pick(draft) : live.current.fields,
          restoredAt: draft?.updatedAt ?? null,
        });
      },
      (error: unknown) => {
        if (!current) return;
        report(error);
        setOpened({ leadId, with: live.current.fields, restoredAt: null });
      },
    );
    return () => {
      current = false;
    };
  }, [drafts, leadId, report]);

  // Autosave: a moment after the last change.
  useEffect(() => {
    if (!ready || !leadId || done.current) return;
    const timer = setTimeout(() => persist(leadId, fields).catch(report), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [ready, leadId, fields, persist, report]);

  // Closing Compose by any way keeps what was typed (unless it was discarded or sent).
  useEffect(
    () => () => {
      const { leadId: id, ready: wasReady, fields: last } = live.current;
      if (id && wasReady && !done.current) void persist(id, last).catch(() => undefined);
    },
    [persist],
  );

  // The window closing (or reloading) with Compose open.
  useEffect(() => {
    function onBeforeUnload(event: BeforeUnloadEvent) {
      const { leadId: id, ready: isReady, fields: form, asks: wouldAsk } = live.current;
      if (!id || !isReady || done.current || closingWindow.current) return;
      if (window.fairsend) {
        // Electron: a prevented unload cancels the close without a prompt; the app asks instead
        if (!wouldAsk) return;
        event.preventDefault();
        live.current.onWindowClose();
        return;
      }
      const held = saved.current?.leadId === id ? saved.current.fields : null;
      if (held ? sameDraft(held, form) : isBlankDraft(form)) return;
      void persist(id, form).catch(() => undefined);
      event.preventDefault();
      event.returnValue = ''; // older Chromium shows its prompt only with this set
    }
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [persist]);

  return {
    ready,
    restoredAt: ready ? opened.restoredAt : null,
    asks,
    problem,
    async keep() {
      const { leadId: id, ready: isReady, fields: form } = live.current;
      if (id && isReady && !done.current) await persist(id, form);
    },
    async discard() {
      const id = live.current.leadId;
      done.current = true;
      if (!id) return;
      await run(async () => {
        await drafts.remove(id);
        saved.current = { leadId: id, fields: null };
      });
    },
    async startOver() {
      const { leadId: id, fields: form } = live.current;
      if (!id) return;
      const empty = { mailboxId: form.mailboxId, subject: '', body: '' };
      await run(async () => {
        await drafts.remove(id);
        saved.current = { leadId: id, fields: null };
      });
      live.current.apply(empty);
      setOpened({ leadId: id, with: empty, restoredAt: null });
    },
    closeWindow() {
      closingWindow.current = true;
      window.close();
    },
  };
}
