import type { AppErrorShape, Result } from '../../../shared/ipc/result';

/**
 * One HTTP call to a provider API, reduced to what the error translators need. Never throws; the
 * response body is kept for translation only and never copied into a user-facing message.
 */
export type HttpOutcome =
  | { kind: 'response'; status: number; body: unknown; text: string; retryAfterMs: number | null }
  | { kind: 'timeout' }
  | { kind: 'network' };

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  bearer: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** the raw body as bytes (Graph's `$value`) */
  binary?: boolean;
}

export async function httpCall(
  call: HttpCall,
  fetchImpl: typeof fetch = fetch,
): Promise<HttpOutcome & { bytes?: Buffer }> {
  try {
    const response = await fetchImpl(call.url, {
      method: call.method,
      headers: { Authorization: `Bearer ${call.bearer}`, ...call.headers },
      ...(call.body !== undefined ? { body: call.body } : {}),
      signal: AbortSignal.timeout(call.timeoutMs),
      redirect: 'error', // a bearer token must not follow a redirect to another host
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = call.binary && response.ok ? '' : bytes.toString('utf8');
    return {
      kind: 'response',
      status: response.status,
      body: parseJson(text),
      text,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      ...(call.binary ? { bytes } : {}),
    };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return name === 'TimeoutError' || name === 'AbortError' ? { kind: 'timeout' } : { kind: 'network' };
  }
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** rate-limited errors carry the wait the provider asked for, so the send queue can honour it */
export interface RateLimitedError extends AppErrorShape {
  code: 'rate-limited';
  retryAfterMs: number | null;
}

export function rateLimited(provider: string, retryAfterMs: number | null): Result<never> {
  const wait = retryAfterMs === null ? 'a while' : `${Math.ceil(retryAfterMs / 1000)} seconds`;
  const error: RateLimitedError = {
    code: 'rate-limited',
    message: `${provider} asked Fairsend to slow down. Sending resumes in ${wait}.`,
    retryAfterMs,
  };
  return { ok: false, error };
}

export function retryAfterOf(error: AppErrorShape): number | null {
  return 'retryAfterMs' in error && typeof error.retryAfterMs === 'number' ? error.retryAfterMs : null;
}

/** a small typed reader for JSON bodies from providers */
export function field(body: unknown, ...path: string[]): unknown {
  let at: unknown = body;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
