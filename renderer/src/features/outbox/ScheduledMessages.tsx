import { useCallback, useEffect, useState } from 'react';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { MessageDoc } from '../../db/schemas/outreach';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { thrownProblem } from '../../ui/bridge-problem';
import { whenInWords } from '../../ui/when-words';
import { ReasonList } from '../compose/GatePanel';
import { throttle } from '../leads/hooks/throttle';
import { sendNowWords } from './scheduled-words';

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * One-offs the daily cap or the send window held, scheduled by the rep: when each goes out, why it waits,
 * and "Send now" (through the gate, which may hold it again) or "Cancel" (confirmed here, in the app).
 */
export function ScheduledMessages({ mailboxes }: { mailboxes: ReadonlyMap<string, MailboxInfo> }) {
  const { messages, scheduled } = useServices();
  const notify = useApp((s) => s.notify);
  const [items, setItems] = useState<MessageDoc[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = useCallback(async () => setItems(await scheduled.list()), [scheduled]);

  useEffect(() => {
    void load();
    const reload = throttle(() => void load(), 300);
    const off = messages.onChange(reload);
    const offRun = scheduled.onRun(reload); // another window may have sent or cancelled one
    return () => {
      off();
      offRun();
      reload.cancel();
    };
  }, [messages, scheduled, load]);

  async function run(item: MessageDoc, action: 'send' | 'cancel') {
    setBusy(item.id);
    try {
      const to = item.draft?.to ?? item.leadId;
      if (action === 'send') {
        const { tone, text } = sendNowWords(to, await scheduled.sendNow(item.id));
        notify(tone, text);
      } else if (await scheduled.cancel(item.id)) {
        notify('success', `Cancelled the email to ${to}; it will not be sent.`);
      } else {
        notify('info', 'This email was already sent or cancelled, perhaps in another window.');
      }
    } catch (error) {
      notify('error', thrownProblem(error, 'That did not work. Reload the Outbox and try again.').text);
    } finally {
      setBusy(null);
      setConfirming(null);
      await load();
    }
  }

  if (items.length === 0) return null;
  return (
    <section className="card scheduled" aria-labelledby="scheduled-title">
      <h2 id="scheduled-title">Scheduled ({items.length})</h2>
      <p className="muted">
        Each goes out at its time through the same checks as any email; if they hold it again, it waits for
        the next time they allow.
      </p>
      <ul className="held-list" aria-label="Scheduled emails">
        {items.map((item) => (
          <li key={item.id} className="held-item" data-status="scheduled">
            <div className="held-what">
              <strong>{item.subject || '(no subject)'}</strong>
              <span>
                To {item.draft?.to ?? item.leadId}, from{' '}
                {mailboxes.get(item.mailboxId)?.address ?? 'a mailbox that is no longer connected'}
              </span>
              <span>
                <span className="badge status-scheduled">Scheduled</span> goes out{' '}
                <time
                  dateTime={new Date(item.scheduledAt).toISOString()}
                  title={WHEN.format(item.scheduledAt)}
                >
                  {whenInWords(item.scheduledAt, Date.now())}
                </time>
              </span>
              {item.reasons.length ? (
                <details>
                  <summary>Why it waits</summary>
                  <ReasonList reasons={item.reasons} context={{ mailboxId: item.mailboxId }} />
                </details>
              ) : null}
            </div>
            <div className="held-actions">
              {confirming === item.id ? (
                <>
                  <span>Cancel this email? It will not be sent.</span>
                  <button
                    type="button"
                    className="danger"
                    disabled={busy !== null}
                    onClick={() => void run(item, 'cancel')}
                  >
                    Cancel the email
                  </button>
                  <button type="button" disabled={busy !== null} onClick={() => setConfirming(null)}>
                    Keep it
                  </button>
                </>
              ) : (
                <>
                  <button type="button" disabled={busy !== null} onClick={() => void run(item, 'send')}>
                    {busy === item.id ? 'Sending…' : 'Send now'}
                  </button>
                  <button type="button" disabled={busy !== null} onClick={() => setConfirming(item.id)}>
                    Cancel
                  </button>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
