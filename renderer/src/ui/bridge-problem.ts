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
