import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { err, type Result } from '../../../shared/ipc/result';
import { checkAuthorizationUrl } from './loopback-url';
import { createPkcePair, createState, type PkcePair, sameState } from './pkce';

/**
 * The installed-app authorization-code flow (RFC 8252 + PKCE S256 + `state`), for any provider.
 * A one-shot listener on 127.0.0.1 receives the browser's redirect; the provider client only builds the
 * authorization URL and exchanges the code. Nothing is saved here: the caller saves after an ok result,
 * so a failure at any step leaves nothing behind.
 */
export interface LoopbackFlowOptions<T> {
  /** the provider's authorization URL; it must carry this redirect_uri, state and S256 challenge */
  authorizationUrl(request: {
    redirectUri: string;
    state: string;
    codeChallenge: string;
  }): Result<string> | Promise<Result<string>>;
  /** trades the code for tokens; the browser gets its answer page once this settles */
  exchangeCode(grant: { code: string; redirectUri: string; codeVerifier: string }): Promise<Result<T>>;
  /** the system browser in the app; tests pass a function that plays the user's consent */
  openBrowser(url: string): Promise<void>;
  /** default 5 minutes */
  timeoutMs?: number;
  /** a PKCE pair from the provider's own library (msal), else ours */
  pkce?: () => PkcePair | Promise<PkcePair>;
}

export const CALLBACK_PATH = '/oauth2/callback';
const MISMATCH_MESSAGE = 'The sign-in response did not match this request. Start again from Fairsend.';
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

export async function runLoopbackFlow<T>(options: LoopbackFlowOptions<T>): Promise<Result<T>> {
  const pkce = await (options.pkce ?? createPkcePair)();
  const state = createState();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let onCallback: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) =>
    answer(res, 404, PAGES.gone);
  const server = createServer((req, res) => onCallback(req, res));
  let timer: NodeJS.Timeout | undefined;
  try {
    const port = await listen(server).catch(() => null);
    if (port === null) return err('unavailable', 'Fairsend could not receive the sign-in on this computer.');
    const redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`;
    const built = await options.authorizationUrl({ redirectUri, state, codeChallenge: pkce.challenge });
    if (!built.ok) return built;
    const authUrl = built.value;
    const check = checkAuthorizationUrl(authUrl, redirectUri);
    if (!check.ok) {
      return err(
        'forbidden',
        check.reason === 'redirect-uri'
          ? 'The sign-in would not return to this computer, so Fairsend stopped it.'
          : 'The sign-in page is not a secure (HTTPS) address, so Fairsend stopped it.',
      );
    }

    return await new Promise<Result<T>>((resolve) => {
      let settled = false;
      let received = false;
      let mismatched = false;
      const finish = (result: Result<T>) => {
        if (settled) return;
        settled = true;
        resolve(result);
      };
      timer = setTimeout(
        () =>
          finish(
            // if only requests of someone else's making came, that is the more useful thing to say
            mismatched
              ? err('forbidden', MISMATCH_MESSAGE)
              : err(
                  'transient',
                  `The sign-in was not finished within ${humanDuration(timeoutMs)}. Start again.`,
                ),
          ),
        timeoutMs,
      );
      onCallback = (req, res) => {
        const url = new URL(req.url ?? '/', redirectUri);
        if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) return answer(res, 404, PAGES.gone);
        // one redirect per sign-in: a second one (a reload, a forged request) does not start another exchange
        if (settled || received) return answer(res, 410, PAGES.gone);
        // state first: a code or error that does not carry this request's state is not ours to act on. It
        // gets a 400 and the listener keeps waiting, so a forged or stale request cannot end the real sign-in.
        if (!sameState(state, url.searchParams.get('state'))) {
          mismatched = true;
          return answer(res, 400, PAGES.notThisSignIn);
        }
        received = true;
        void handleRedirect(url.searchParams, res);
      };
      const handleRedirect = async (params: URLSearchParams, res: ServerResponse) => {
        const outcome = await resultOfRedirect(params);
        res.once('close', () => finish(outcome)); // also when the browser went away before the page was sent
        answer(res, outcome.ok ? 200 : 400, outcome.ok ? PAGES.done : PAGES.failed, () => finish(outcome));
      };
      const resultOfRedirect = async (params: URLSearchParams): Promise<Result<T>> => {
        if (params.has('error')) {
          return params.get('error') === 'access_denied'
            ? err('forbidden', 'Access was not granted, so the mailbox was not connected.')
            : err('rejected-permanent', 'The provider ended the sign-in with an error. Start again.');
        }
        const code = params.get('code');
        if (!code)
          return err('invalid-input', 'The sign-in response carried no authorization code. Start again.');
        try {
          return await options.exchangeCode({ code, redirectUri, codeVerifier: pkce.verifier });
        } catch {
          return err('internal', 'Fairsend could not finish the sign-in.');
        }
      };
      options
        .openBrowser(authUrl)
        .catch(() => finish(err('unavailable', 'Fairsend could not open the browser to sign in.')));
    });
  } finally {
    clearTimeout(timer);
    await close(server);
  }
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function humanDuration(ms: number): string {
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} minute${ms >= 120_000 ? 's' : ''}`;
  const seconds = Math.max(1, Math.round(ms / 1000));
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
  `<body style="font:16px system-ui;margin:4rem auto;max-width:32rem"><h1>${title}</h1><p>${text}</p></body>`;

const PAGES = {
  done: page('Mailbox connected', 'You can close this tab and return to Fairsend.'),
  failed: page(
    'Sign-in did not finish',
    'You can close this tab. Fairsend says what happened and what to do next.',
  ),
  gone: page('Nothing here', 'You can close this tab.'),
  notThisSignIn: page(
    'Not this sign-in',
    'This link does not belong to the sign-in Fairsend is waiting for. Finish the sign-in Fairsend opened, or start again from Fairsend.',
  ),
};

/** The redirect URL carries the code: no caching, no referrer, no scripts; the socket closes after the page. */
function answer(res: ServerResponse, status: number, body: string, flushed?: () => void) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    Connection: 'close',
  });
  res.end(body, flushed);
}
