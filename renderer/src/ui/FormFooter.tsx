import type { ReactNode } from 'react';
import type { BridgeProblem } from './bridge-problem';
import { CodeDetails } from './CodeDetails';

/**
 * The end of every dialog form: the problem, if any, announced to screen readers; then Cancel and the
 * form's one action, both held while it works.
 */
export function FormFooter({
  problem,
  busy,
  onCancel,
  action,
  busyAction,
  tone = 'primary',
  disabled = false,
  autoFocusAction = false,
  onAction,
}: {
  /** a sentence, or a problem in words with its code and original text behind Details */
  problem: string | BridgeProblem | null;
  busy: boolean;
  onCancel: () => void;
  action: ReactNode;
  /** shown on the action while busy; the action's own label when absent */
  busyAction?: ReactNode;
  tone?: 'primary' | 'danger';
  /** beyond `busy`: the form is not ready to submit */
  disabled?: boolean;
  autoFocusAction?: boolean;
  /** for a button outside a <form>; without it the action submits the form */
  onAction?: () => void;
}) {
  return (
    <>
      {typeof problem === 'string' && problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      {problem && typeof problem !== 'string' ? (
        <div className="error" role="alert">
          <p>{problem.text}</p>
          <CodeDetails code={problem.details} />
        </div>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button
          type={onAction ? 'button' : 'submit'}
          className={tone}
          disabled={busy || disabled}
          data-autofocus={autoFocusAction || undefined}
          onClick={onAction}
        >
          {busy && busyAction ? busyAction : action}
        </button>
      </div>
    </>
  );
}
