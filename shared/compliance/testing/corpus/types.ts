/**
 * A labelled corpus of cold-email drafts for measuring the content gate beyond its own unit tests.
 * Labels say what a careful deliverability reviewer would expect from the gate:
 * - clean: a real cold email a rep may send; the gate lets it through with no warning.
 * - risky: looks like bulk or spam mail; the gate should warn (or block).
 * - deceptive: fakes a thread, hides where a link goes, or carries a script; the gate must block.
 */
export type Label = 'clean' | 'risky' | 'deceptive';

export interface CorpusDraft {
  /** Unique, readable id (shown when a draft is misjudged). */
  id: string;
  label: Label;
  /** Shape of the draft, for the per-category table. */
  category: string;
  subject: string;
  html?: string;
  text?: string;
  /** Defaults to true: a corpus draft is a first touch unless it says otherwise. */
  isFirstTouch?: boolean;
  attachments?: number;
}

/** `<p>` per paragraph: most drafts are written in the editor, which produces exactly this. */
export const paras = (...ps: string[]): string => ps.map((p) => `<p>${p}</p>`).join('');
