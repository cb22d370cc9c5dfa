import { ok, type Result } from '../../../shared/ipc/result';
import { type HttpCall, type HttpOutcome, httpCall } from './http-call';

/** Access tokens for one mailbox, in memory; `forceRefresh` after the API said 401 to a token we thought valid. */
export interface AccessTokenSource {
  accessToken(forceRefresh: boolean): Promise<Result<string>>;
}

export type ApiSuccess = { status: number; body: unknown; bytes?: Buffer };

/**
 * An API call with the mailbox's bearer token. A 401 gets one silent refresh and one retry; after that the
 * translator answers (auth-expired): the user reconnects, nothing is cleared.
 */
export async function authorizedCall(
  tokens: AccessTokenSource,
  request: Omit<HttpCall, 'bearer'>,
  translate: (failure: HttpOutcome) => Result<never>,
  fetchImpl?: typeof fetch,
): Promise<Result<ApiSuccess>> {
  for (let attempt = 0; ; attempt++) {
    const token = await tokens.accessToken(attempt > 0);
    if (!token.ok) return token;
    const outcome = await httpCall({ ...request, bearer: token.value }, fetchImpl);
    if (outcome.kind === 'response' && outcome.status === 401 && attempt === 0) continue;
    if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) {
      return ok({
        status: outcome.status,
        body: outcome.body,
        ...(outcome.bytes ? { bytes: outcome.bytes } : {}),
      });
    }
    return translate(outcome);
  }
}
