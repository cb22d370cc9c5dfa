import { type DraftFields, type DraftsRepo, isBlankDraft } from '../../db/drafts-repo';
import type { DraftDoc } from '../../db/schemas/drafts';
import { sameDraft } from './draft-rules';

const pick = ({ mailboxId, subject, body }: DraftFields): DraftFields => ({ mailboxId, subject, body });

/**
 * One lead's draft for one Compose: knows what the store holds, writes only what changed, one write after
 * another (a removal never overtaken by an earlier save), and nothing at all once the email was discarded or
 * sent (a late autosave must not bring it back).
 */
export interface DraftKeeper {
  readonly leadId: string;
  /** reads the lead's draft (what Compose opens with) */
  open(): Promise<(DraftFields & { updatedAt: number }) | null>;
  /** keeps `form` as the draft (a blank form removes it); nothing when unchanged or finished */
  save(form: DraftFields): Promise<void>;
  /** the form holds something the store does not have yet */
  unsaved(form: DraftFields): boolean;
  /** removes the draft and ends the keeper: Discard, or the email was sent */
  finish(): Promise<void>;
  /** removes the draft; later typing is saved again ("Discard draft" while Compose stays open) */
  clear(): Promise<void>;
  readonly finished: boolean;
}

export function createDraftKeeper(
  drafts: Pick<DraftsRepo, 'get' | 'save' | 'remove'>,
  leadId: string,
): DraftKeeper {
  /** what the store holds (null: no draft) */
  let held: DraftFields | null = null;
  let finished = false;
  let queue: Promise<unknown> = Promise.resolve();

  function run<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return next;
  }
  const unsaved = (form: DraftFields) => (held ? !sameDraft(held, form) : !isBlankDraft(form));
  const remove = () =>
    run(async () => {
      await drafts.remove(leadId);
      held = null;
    });

  return {
    leadId,
    get finished() {
      return finished;
    },
    open: () =>
      run(async () => {
        const draft: DraftDoc | null = await drafts.get(leadId);
        held = draft ? pick(draft) : null;
        return draft ? { ...pick(draft), updatedAt: draft.updatedAt } : null;
      }),
    save: (form) =>
      run(async () => {
        if (finished || !unsaved(form)) return;
        const doc = await drafts.save(leadId, pick(form));
        held = doc ? pick(doc) : null;
      }),
    unsaved: (form) => !finished && unsaved(form),
    finish() {
      finished = true;
      return remove();
    },
    clear: remove,
  };
}

/**
 * What the window's close does with Compose open. Electron cancels a close whose `beforeunload` is prevented
 * without a prompt, so the app asks in its own dialog; a browser shows only its own prompt, so browser mode
 * asks only while a save is still due (everything else is kept already).
 */
export function onWindowClose(shell: 'electron' | 'browser', asks: boolean, unsaved: boolean) {
  if (shell === 'electron') return asks ? 'ask-in-app' : 'close';
  return unsaved ? 'browser-prompt' : 'close';
}
