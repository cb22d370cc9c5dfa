import { useCallback, useEffect, useState } from 'react';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { HeldMessage } from '../../../../shared/ipc/send';
import { call } from '../../bridge/client';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { bridgeProblem } from '../../ui/bridge-problem';
import { throttle } from '../leads/hooks/throttle';
import { HELD_INTRO, whatHappened, whatNext } from './held-words';
import { recordResolution } from './record-resolution';

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const RECHECK_MS = 60_000;

/**
 * Emails whose fate nobody knows, held for the rep: what is known about each, and the two decisions only the
 * rep can make. Shown above the Outbox's list while there are any.
 */
export function HeldMessages({ mailboxes }: { mailboxes: ReadonlyMap<string, MailboxInfo> }) {
  const { messages, db, audit } = useServices();
  const notify = useApp((s) => s.notify);
  const [held, setHeld] = useState<HeldMessage[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    const answer = await call('send.held', {});
    if (answer.ok) setHeld(answer.value);
  }, []);

  useEffect(() => {
    void load();
    const reload = throttle(() => void load(), 500);
    const off = messages.onChange(reload); // a send that ended unknown is booked there too
    const timer = setInterval(reload, RECHECK_MS); // Gmail and Outlook settle some by themselves
    return () => {
      off();
      reload.cancel();
      clearInterval(timer);
    };
  }, [messages, load]);

  async function resolve(item: HeldMessage, as: 'sent' | 'resend') {
    setBusy(item.key);
    setProblem(null);
    const answer = await call('send.resolve', { key: item.key, as });
    setBusy(null);
    setConfirming(null);
    if (!answer.ok) {
      setProblem(bridgeProblem(answer.error).text);
    } else {
      await recordResolution({ db, messages }, item, answer.value);
      void audit.mirror();
      const outcome = answer.value.as === 'resend' ? answer.value.outcome : null;
      if (!outcome) notify('success', `Marked as sent to ${item.to}.`);
      else if (outcome.status === 'sent') notify('success', `Sent again to ${item.to}.`);
      else notify('error', `Not sent again to ${item.to}. The Outbox lists why.`);
    }
    await load();
  }

  if (held.length === 0) return null;
  return (
    <section className="card held" aria-labelledby="held-title">
      <h2 id="held-title">Waiting for you ({held.length})</h2>
      <p className="muted">{HELD_INTRO}</p>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <ul className="held-list" aria-label="Emails whose delivery is unknown">
        {held.map((item) => {
          const mailbox = mailboxes.get(item.mailboxId);
          return (
            <li key={item.key} className="held-item" data-key={item.key}>
              <div className="held-what">
                <strong>{item.subject || '(no subject)'}</strong>
                <span>
                  To {item.toName ? `${item.toName} <${item.to}>` : item.to}, from{' '}
                  {mailbox?.address ?? 'a mailbox that is no longer connected'},{' '}
                  {WHEN.format(item.attemptedAt)}
                </span>
                <span>{whatHappened(item)}</span>
                <span className="muted">{whatNext(item, mailbox?.kind)}</span>
                <details>
                  <summary>Details</summary>
                  <dl className="held-details">
                    <dt>Reason</dt>
                    <dd>
                      <code>{item.why}</code>
                    </dd>
                    {item.detail ? (
                      <>
                        <dt>Reported</dt>
                        <dd>
                          <code>{item.detail.code}</code> {item.detail.message}
                        </dd>
                      </>
                    ) : null}
                    <dt>Message ID</dt>
                    <dd>
                      <code>{item.messageId}</code>
                    </dd>
                  </dl>
                </details>
              </div>
              <div className="held-actions">
                {confirming === item.key ? (
                  <>
                    <button
                      type="button"
                      className="primary"
                      disabled={busy !== null}
                      onClick={() => void resolve(item, 'resend')}
                    >
                      Send it again now
                    </button>
                    <button type="button" disabled={busy !== null} onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </>
                ) : (
                  <>
                    <button type="button" disabled={busy !== null} onClick={() => void resolve(item, 'sent')}>
                      It was sent
                    </button>
                    <button type="button" disabled={busy !== null} onClick={() => setConfirming(item.key)}>
                      Send it again
                    </button>
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
