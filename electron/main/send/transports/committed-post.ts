import { type ClientRequest, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HttpOutcome } from '../../oauth/http-call';
import { parseRetryAfter } from '../../oauth/http-call';

/**
 * One API POST with a commit point: the connection (TCP, TLS) is made first, then `commit()` runs, and only
 * then does the request go out, so everything before the commit is proven not sent. A fresh connection each
 * time: a kept-alive socket the server already closed would fail only after the request went out, leaving an
 * answer we cannot read as "not sent".
 */
export type CommittedPost =
  | { phase: 'before-commit'; failure: HttpOutcome }
  | { phase: 'commit-failed'; error: unknown }
  /** the request went out: a response, or a timeout / lost connection before one came */
  | { phase: 'after-commit'; outcome: HttpOutcome };

export interface PostCall {
  url: string;
  bearer: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export function committedPost(call: PostCall, commit: () => Promise<void>): Promise<CommittedPost> {
  return new Promise((resolve) => {
    const url = new URL(call.url);
    const secure = url.protocol === 'https:';
    let committed = false;
    let timedOut = false;
    let settled = false;
    const finish = (outcome: CommittedPost) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const failure = (): HttpOutcome => (timedOut ? { kind: 'timeout' } : { kind: 'network' });
    const request: ClientRequest = (secure ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      agent: false,
      headers: {
        ...call.headers,
        Authorization: `Bearer ${call.bearer}`,
        'Content-Length': String(Buffer.byteLength(call.body)),
      },
    });
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy(new Error('timed out'));
    }, call.timeoutMs);
    request.on('error', () =>
      finish(
        committed
          ? { phase: 'after-commit', outcome: failure() }
          : { phase: 'before-commit', failure: failure() },
      ),
    );
    request.on('socket', (socket) => {
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        commit().then(
          () => {
            committed = true;
            request.end(call.body);
          },
          (error: unknown) => {
            finish({ phase: 'commit-failed', error });
            request.destroy();
          },
        );
      });
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', () => finish({ phase: 'after-commit', outcome: failure() }));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        finish({
          phase: 'after-commit',
          outcome: {
            kind: 'response',
            status: response.statusCode ?? 0,
            body: parseJson(text),
            text,
            retryAfterMs: parseRetryAfter(header(response.headers['retry-after'])),
          },
        });
      });
    });
  });
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
