/** A reason code or error code, kept for support and the audit log but folded away from the rep's words. */
export function CodeDetails({ code }: { code: string }) {
  return (
    <details className="code-details">
      <summary>Details</summary>
      <code className="reason-code">{code}</code>
    </details>
  );
}
