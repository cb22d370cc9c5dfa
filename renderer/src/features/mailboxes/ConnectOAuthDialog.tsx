import { useEffect, useRef, useState } from 'react';
import type { MailboxInfo, OAuthStart } from '../../../../shared/ipc/mailboxes';
import { call } from '../../bridge/client';
import { bridgeProblem } from '../../ui/bridge-problem';

const NAMES = { gmail: 'Google', outlook: 'Microsoft' } as const;

/**
 * Gmail / Outlook sign-in. Main starts a loopback listener and, on the desktop, opens the system browser
 * itself. In browser mode the host has no browser to open, so this dialog shows the sign-in page as a link
 * (the URL holds the PKCE challenge, not the verifier). Then it waits for main to say how the sign-in ended.
 */
export function ConnectOAuthDialog({
  kind,
  reconnect,
  onClose,
  onConnected,
}: {
  kind: 'gmail' | 'outlook';
  reconnect?: MailboxInfo;
  onClose: () => void;
  onConnected: (m: MailboxInfo) => void;
}) {
  const [start, setStart] = useState<OAuthStart | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false; // the sign-in in main ends on its own timeout and saves nothing unless it completes
    };
  }, []);

  // Started by a click, not on mount: one sign-in per press (StrictMode mounts twice), and a user gesture.
  async function begin() {
    setBusy(true);
    setProblem('');
    setStart(null);
    const channel = kind === 'gmail' ? 'mailboxes.connectGmail' : 'mailboxes.connectOutlook';
    const started = await call(channel, reconnect ? { reconnectId: reconnect.id } : {});
    if (!alive.current) return;
    if (!started.ok) {
      setBusy(false);
      return setProblem(bridgeProblem(started.error).text);
    }
    setStart(started.value);
    const finished = await call('mailboxes.finishOAuth', { flowId: started.value.flowId });
    if (!alive.current) return;
    setBusy(false);
    if (finished.ok) onConnected(finished.value);
    else setProblem(bridgeProblem(finished.error).text);
  }

  const who = NAMES[kind];
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="oauth-dialog-title"
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2 id="oauth-dialog-title">
          {reconnect ? `Sign ${reconnect.address} in again` : `Connect a ${who} mailbox`}
        </h2>
        {problem ? (
          <p className="error" role="alert">
            {problem}
          </p>
        ) : null}
        {start && busy ? (
          start.openedBySystem ? (
            <p role="status">
              Your browser opened {who}'s sign-in page. Sign in there and allow sending and reading; this
              window continues by itself.
            </p>
          ) : (
            <p role="status">
              <a href={start.authorizationUrl} target="_blank" rel="noopener noreferrer">
                Open {who}'s sign-in page
              </a>{' '}
              in a new tab, sign in and allow sending and reading; this window continues by itself.
            </p>
          )
        ) : null}
        <p className="muted">
          Fairsend asks only to send mail and to read replies and bounces. Your tokens are sealed on this
          computer and never reach this window.
        </p>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void begin()}>
            {busy ? 'Waiting for the sign-in…' : problem ? 'Try again' : `Sign in with ${who}`}
          </button>
        </div>
      </div>
    </div>
  );
}
