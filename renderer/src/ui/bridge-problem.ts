import type { ErrorCode } from '../../../shared/ipc/result';

/**
 * What a rep reads when main refuses a call. Main writes its own refusals for a rep, except three: a request
 * that failed its schema (the dispatcher names the channel and the field's path), a call main does not know,
 * and a refused caller. Those are turned into words here; the original stays for a details toggle.
 */
export interface BridgeProblem {
  /** the sentence for the rep */
  text: string;
  /** the field main refused, by its request key, and why (to show beside that field) */
  field?: string;
  fieldReason?: string;
  /** code and original text, for a details toggle and support */
  details: string;
}

// The dispatcher's wording for a request that failed its schema: "Invalid request for <channel>[ at <path>]: <why>".
const INVALID = /^Invalid request for \S+?(?: at (\S+))?: (.*)$/s;

export function bridgeProblem(
  error: { code: ErrorCode; message: string },
  /** request keys → the label the rep sees on that field */
  labels: Record<string, string> = {},
): BridgeProblem {
  const details = `${error.code}: ${error.message}`;
  if (error.code === 'invalid-input') {
    const [, path, why] = INVALID.exec(error.message) ?? [];
    const field = path?.split('.').find((key) => key in labels);
    const reason = why && !/^Invalid|expected|received/i.test(why) ? why : 'this value is not accepted';
    if (field) return { text: `${labels[field]}: ${reason}`, field, fieldReason: reason, details };
    return { text: `Fairsend could not save this: ${lowerFirst(reason)}`, details };
  }
  if (error.code === 'unknown-channel' || error.code === 'forbidden')
    return { text: 'This window could not reach Fairsend. Reload it and try again.', details };
  return { text: error.message, details };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A refusal from main carried through code that throws (a repository): its words for the rep stay with it. */
export class BridgeRefusal extends Error {
  override name = 'BridgeRefusal';
  constructor(readonly problem: BridgeProblem) {
    super(problem.text);
  }
}

export const refusal = (error: { code: ErrorCode; message: string }, labels?: Record<string, string>) =>
  new BridgeRefusal(bridgeProblem(error, labels));

/** Errors whose message a form's own check wrote for the rep (by class name, so ui/ imports no repository). */
const WRITTEN_FOR_REP = new Set(['SuppressionInputError', 'LeadWriteError']);

/**
 * A thrown error in a rep's words: main's refusal as `bridgeProblem` words it, a form check's own message,
 * and for anything else (a database or programming error, whose text is for developers) `fallback`. The
 * original text goes to `details`, for a Details toggle.
 */
export function thrownProblem(error: unknown, fallback: string): BridgeProblem {
  if (error instanceof BridgeRefusal) return error.problem;
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const details = `${name}: ${message}`;
  return { text: WRITTEN_FOR_REP.has(name) ? message : fallback, details };
}
