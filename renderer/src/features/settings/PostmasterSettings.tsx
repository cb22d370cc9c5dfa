import { useEffect, useRef, useState } from 'react';
import type { OAuthStart } from '../../../../shared/ipc/mailboxes';
import type { PostmasterStatus } from '../../../../shared/ipc/postmaster';
import { call } from '../../bridge/client';
import { useApp } from '../../store';
import { bridgeProblem } from '../../ui/bridge-problem';
import { whenInWords } from '../../ui/when-words';

const PERMISSION: Record<PostmasterStatus['domains'][number]['permission'], string> = {
  OWNER: 'verified (owner)',
  READER: 'shared with you',
  NONE: 'not verified for this account',
  PERMISSION_UNSPECIFIED: 'unknown access',
};

/**
 * Settings → Team → Google Postmaster Tools (owners and admins): connect a Google account with read-only access
 * to Postmaster Tools, tick the team's sending domains, and Fairsend shares their daily spam rate with the team.
 * The Google token stays sealed in main; this shows only what main says.
 */
export function PostmasterSettings() {
  const notify = useApp((s) => s.notify);
  const [status, setStatus] = useState<PostmasterStatus | null>(null);
  const [start, setStart] = useState<OAuthStart | null>(null);
  const [busy, setBusy] = useState<'connect' | 'fetch' | 'choose' | 'disconnect' | null>(null);
  const [problem, setProblem] = useState('');
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    void call('postmaster.status', {}).then((r) => {
      if (alive.current && r.ok) setStatus(r.value);
    });
    return () => {
      alive.current = false;
    };
  }, []);

  if (!status?.canConnect) return null;

  async function run(
    kind: NonNullable<typeof busy>,
    work: () => ReturnType<typeof call<'postmaster.fetch'>>,
  ) {
    setBusy(kind);
    setProblem('');
    const result = await work();
    if (!alive.current) return;
    setBusy(null);
    if (result.ok) setStatus(result.value);
    else setProblem(bridgeProblem(result.error).text);
    return result.ok;
  }

  async function connect() {
    setBusy('connect');
    setProblem('');
    const started = await call('postmaster.connect', {});
    if (!alive.current) return;
    if (!started.ok) {
      setBusy(null);
      return setProblem(bridgeProblem(started.error).text);
    }
    setStart(started.value);
    const ok = await run('connect', () => call('postmaster.finishConnect', { flowId: started.value.flowId }));
    setStart(null);
    if (ok) notify('success', 'Google Postmaster Tools is connected.');
  }

  function toggle(domain: string, on: boolean) {
    const chosen = status?.domains.filter((d) => (d.domain === domain ? on : d.chosen)).map((d) => d.domain);
    void run('choose', () => call('postmaster.choose', { domains: chosen ?? [] }));
  }

  const now = Date.now();
  return (
    <div className="postmaster-settings" data-testid="postmaster-settings">
      <h3>Google Postmaster Tools</h3>
      <p className="hint">
        For the team’s sending domains verified in Google Postmaster Tools: Fairsend reads each day’s rate of
        Gmail users reporting your email as spam and shares it with the team. At 0.1% the mailboxes on that
        domain warn; at 0.3% they pause until a rep fixes the cause and presses Resume. Fairsend asks Google
        for read-only access to Postmaster Tools, nothing else; the sign-in stays sealed on this computer.
      </p>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      {status.problem && !problem ? (
        <p className="error" role="alert">
          {status.problem}
        </p>
      ) : null}
      {start && busy === 'connect' ? (
        start.openedBySystem ? (
          <p role="status">Your browser opened Google's sign-in page. Sign in there and allow access.</p>
        ) : (
          <p role="status">
            <a href={start.authorizationUrl} target="_blank" rel="noopener noreferrer">
              Open Google's sign-in page
            </a>{' '}
            in a new tab and allow access; this continues by itself.
          </p>
        )
      ) : null}
      {status.connected ? (
        <>
          <fieldset>
            <legend>Domains to share with the team</legend>
            {status.domains.length === 0 ? (
              <p className="muted">This Google account has no domains in Postmaster Tools yet.</p>
            ) : null}
            {status.domains.map((d) => (
              <div key={d.domain}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={d.chosen}
                    disabled={busy !== null}
                    onChange={(e) => toggle(d.domain, e.target.checked)}
                  />
                  {d.domain} <span className="muted">({PERMISSION[d.permission]})</span>
                </label>
              </div>
            ))}
          </fieldset>
          <p className="muted">
            Last shared: {status.lastFetchAt ? whenInWords(status.lastFetchAt, now) : 'not yet'}. Fairsend
            reads the figures again every six hours while this computer is on.
          </p>
          <div className="form-actions">
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => void run('fetch', () => call('postmaster.fetch', {}))}
            >
              {busy === 'fetch' ? 'Reading…' : 'Read and share now'}
            </button>
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => void run('disconnect', () => call('postmaster.disconnect', {}))}
            >
              Disconnect
            </button>
          </div>
        </>
      ) : (
        <div>
          <button type="button" disabled={busy !== null} onClick={() => void connect()}>
            {busy === 'connect' ? 'Waiting for the sign-in…' : 'Connect Google Postmaster Tools'}
          </button>
        </div>
      )}
    </div>
  );
}
