import type { Result } from '../../../../shared/ipc/result';
import type { AccessTokenSource } from '../../oauth/authorized-call';
import type { HttpOutcome } from '../../oauth/http-call';
import { committedPost } from './committed-post';
import {
  asDeliveryError,
  type Commit,
  type DeliveryError,
  type DeliveryResult,
  delivered,
  notDelivered,
} from './mail-transport';

/** Gmail files what it sends at once; Graph's sendMail is queued. After this long, a mailbox-wide miss is proof. */
export const API_LOOKUP_SETTLE_MS = 10 * 60_000;

export interface ApiSend {
  provider: 'Gmail' | 'Outlook';
  tokens: AccessTokenSource;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** the provider's failures in our catalogue (used for answers that prove the message was not taken) */
  translate: (failure: HttpOutcome) => Result<never>;
  /** the provider's id for the accepted message, from the 2xx body */
  providerId: (body: unknown) => string;
}

/**
 * A send through a provider API with a commit point. Before the commit (token, connection) nothing was sent.
 * After it, a 2xx is accepted, a 4xx is the API refusing the request (not sent; a 401 gets one silent token
 * refresh and one more request), and a 5xx, a timeout or a lost connection leave the fate unknown.
 */
export async function sendThroughApi(call: ApiSend, commit: Commit): Promise<DeliveryResult> {
  let commitError: unknown = null;
  let committed = false;
  const once: Commit = async () => {
    if (committed) return;
    try {
      await commit();
      committed = true;
    } catch (error) {
      commitError = error;
      throw error;
    }
  };
  for (let attempt = 0; ; attempt++) {
    const token = await call.tokens.accessToken(attempt > 0);
    if (!token.ok) return { ok: false, error: asDeliveryError(token.error) };
    const sent = await committedPost(
      {
        url: call.url,
        bearer: token.value,
        headers: call.headers,
        body: call.body,
        timeoutMs: call.timeoutMs,
      },
      once,
    );
    if (sent.phase === 'commit-failed')
      return notDelivered(
        'transient',
        commitError instanceof Error ? commitError.message : 'Nothing was sent.',
      );
    if (sent.phase === 'before-commit') return refused(call.translate(sent.failure));
    const outcome = sent.outcome;
    if (outcome.kind !== 'response')
      return unknown(call.provider, outcome.kind === 'timeout' ? 'timed-out' : 'connection-lost');
    if (outcome.status === 401 && attempt === 0) continue;
    if (outcome.status >= 200 && outcome.status < 300) return delivered(call.providerId(outcome.body));
    if (outcome.status >= 500) return unknown(call.provider, 'server-error');
    return refused(call.translate(outcome));
  }
}

/** The provider's own translation (shared with its sign-in and inbox calls) as a send failure. */
const refused = (translated: Result<never>): DeliveryResult =>
  translated.ok ? translated : { ok: false, error: asDeliveryError(translated.error) };

function unknown(provider: string, why: 'timed-out' | 'connection-lost' | 'server-error'): DeliveryResult {
  const what = {
    'timed-out': `${provider} did not answer after receiving the message`,
    'connection-lost': `The connection to ${provider} was lost after the message was handed over`,
    'server-error': `${provider} reported an error of its own after receiving the message`,
  }[why];
  const error: DeliveryError = {
    code: 'transient',
    message: `${what}, so it may or may not have gone out.`,
    mayHaveDelivered: why,
  };
  return { ok: false, error };
}
