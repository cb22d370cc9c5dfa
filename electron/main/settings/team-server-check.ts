import { request } from 'node:https';
import type { TeamServerStatus } from '../../../shared/ipc/settings';
import { type PinnedCertificate, tlsTrustOptions } from '../send/transports/tls-trust';

/** The team server's health path: one-click unsubscribe clicks arrive only where this answers. */
export const HEALTH_PATH = '/health';

export interface TeamServerCheckOptions {
  timeoutMs?: number;
  /** an extra certificate authority to trust (a team server on a private CA; tests) */
  ca?: string;
  /** the team server's own certificate the rep trusted in Settings → Team (team-tls.ts): only it is accepted */
  pinned?: PinnedCertificate | undefined;
  now: () => number;
}

/** GET <address>/health over HTTPS with a short timeout; says in a rep's words why it did not answer. */
export function checkTeamServer(address: string, options: TeamServerCheckOptions): Promise<TeamServerStatus> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const url = `${address.replace(/\/+$/, '')}${HEALTH_PATH}`;
  const done = (answered: boolean, problem?: string): TeamServerStatus => ({
    address,
    checkedAt: options.now(),
    answered,
    ...(problem ? { problem } : {}),
  });
  return new Promise((resolve) => {
    let req: ReturnType<typeof request>;
    try {
      req = request(
        url,
        {
          method: 'GET',
          timeout: timeoutMs,
          ...(options.ca ? { ca: options.ca } : {}),
          ...(options.pinned ? tlsTrustOptions({ pinned: options.pinned }) : {}),
        },
        (res) => {
          res.resume();
          const status = res.statusCode ?? 0;
          resolve(
            status >= 200 && status < 300
              ? done(true)
              : done(false, `It answered with an error (HTTP ${status}), not as a Fairsend team server.`),
          );
        },
      );
    } catch {
      resolve(done(false, 'The address could not be used.'));
      return;
    }
    // One deadline for the whole request, name lookup included (the socket timeout starts later).
    const timer = setTimeout(() => {
      resolve(done(false, `It did not answer within ${Math.round(timeoutMs / 1000)} seconds.`));
      req.destroy();
    }, timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(done(false, inWords(error))));
    req.end();
  });
}

function inWords(error: NodeJS.ErrnoException): string {
  const code = error.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'No server by that name could be found.';
  if (code === 'ECONNREFUSED') return 'Nothing is listening at that address.';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code))
    return 'Its security certificate is not trusted.';
  return 'It could not be reached.';
}
