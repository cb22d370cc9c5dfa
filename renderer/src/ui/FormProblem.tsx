/** What stopped a form, announced to screen readers; nothing when there is no problem. */
export function FormProblem({ text, className = '' }: { text: string; className?: string }) {
  return text ? (
    <p className={`error ${className}`.trim()} role="alert">
      {text}
    </p>
  ) : null;
}
