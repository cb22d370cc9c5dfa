import { useCallback, useEffect, useState } from 'react';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import { call } from '../../bridge/client';
import { OUTBOX_STATUSES, type OutboxStatus } from '../../db/messages-repo';
import type { MessageDoc } from '../../db/schemas/outreach';
import { useServices } from '../../services/use-services';
import { EmptyState } from '../../ui/EmptyState';
import { ComposeDialog } from '../compose/ComposeDialog';
import { ReasonList } from '../compose/GatePanel';
import { throttle } from '../leads/hooks/throttle';
import { DraftMessages } from './DraftMessages';
import { HeldMessages } from './HeldMessages';
import { ScheduledMessages } from './ScheduledMessages';
import { SequencePicker } from './SequencePicker';
import { countsOf, type SequenceFilter, sequenceMessages } from './sequence-messages';

const PAGE = 100;
const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const FILTERS: { value: OutboxStatus | ''; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'sent', label: 'Sent' },
  { value: 'failed', label: 'Failed' },
  { value: 'blocked', label: 'Blocked' },
];
const STATUS_LABEL: Record<string, string> = { sent: 'Sent', failed: 'Failed', blocked: 'Blocked' };

/**
 * Every message sent, failed or blocked, newest first, with the gate's reasons and how to fix them; above
 * them, the emails whose fate is unknown, waiting for the rep's decision.
 */
export function OutboxScreen() {
  const { messages: repo, db } = useServices();
  const [status, setStatus] = useState<OutboxStatus | ''>('');
  const [sequence, setSequence] = useState<SequenceFilter | null>(null);
  const [rows, setRows] = useState<MessageDoc[] | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [mailboxes, setMailboxes] = useState<Map<string, MailboxInfo>>(new Map());
  const [composing, setComposing] = useState(false);

  const load = useCallback(async () => {
    if (sequence) {
      const all = await sequenceMessages(db, repo, sequence);
      setRows(all.filter((m) => !status || m.status === status).slice(0, limit));
      setCounts(countsOf(all));
      return;
    }
    const [list, ...byStatus] = await Promise.all([
      repo.list({ ...(status ? { status } : {}), limit }),
      repo.count(),
      ...OUTBOX_STATUSES.map((s) => repo.count(s)),
    ]);
    setRows(list);
    setCounts(
      Object.fromEntries([
        ['', byStatus[0] ?? 0],
        ...OUTBOX_STATUSES.map((s, i) => [s, byStatus[i + 1] ?? 0]),
      ]),
    );
  }, [repo, db, sequence, status, limit]);

  useEffect(() => {
    void load();
    const reload = throttle(() => void load(), 300);
    const off = repo.onChange(reload);
    return () => {
      off();
      reload.cancel();
    };
  }, [repo, load]);

  useEffect(() => {
    void call('mailboxes.list', {}).then((r) => r.ok && setMailboxes(new Map(r.value.map((m) => [m.id, m]))));
  }, []);

  return (
    <div className="screen outbox">
      <header className="screen-header">
        <h1>Outbox</h1>
        <fieldset className="status-chips outbox-filter" aria-label="Show">
          {FILTERS.map((f) => (
            <button
              key={f.label}
              type="button"
              className={`chip${status === f.value ? ' on' : ''}`}
              aria-pressed={status === f.value}
              onClick={() => {
                setStatus(f.value);
                setLimit(PAGE);
              }}
            >
              {f.label} <span data-testid={`outbox-count-${f.value || 'all'}`}>{counts[f.value] ?? 0}</span>
            </button>
          ))}
        </fieldset>
        <div className="header-actions">
          <button type="button" className="primary" onClick={() => setComposing(true)}>
            New email
          </button>
        </div>
      </header>
      <SequencePicker
        value={sequence}
        onChange={(next) => {
          setSequence(next);
          setLimit(PAGE);
        }}
      />
      <HeldMessages mailboxes={mailboxes} />
      <ScheduledMessages mailboxes={mailboxes} />
      <DraftMessages />
      {rows?.length === 0 ? (
        <EmptyState
          title={status ? `No ${STATUS_LABEL[status]?.toLowerCase()} messages` : 'Nothing sent yet'}
        >
          Every message you send, and every one the compliance gate blocks, is listed here with its reasons.
          Write one with New email, or open a lead and choose Compose.
        </EmptyState>
      ) : (
        <table className="outbox-table" aria-label="Messages">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Mailbox</th>
              <th scope="col">Status</th>
              <th scope="col">Reasons</th>
            </tr>
          </thead>
          <tbody>
            {(rows ?? []).map((m) => (
              <tr key={m.id} data-status={m.status}>
                <td>{WHEN.format(m.sentAt ?? m.scheduledAt)}</td>
                <td>{m.leadId}</td>
                <td>{m.subject || <span className="muted">(no subject)</span>}</td>
                <td>{mailboxes.get(m.mailboxId)?.address ?? <span className="muted">disconnected</span>}</td>
                <td>
                  <span className={`badge status-${m.status}`}>{STATUS_LABEL[m.status] ?? m.status}</span>
                </td>
                <td>
                  {m.reasons.length ? (
                    <details>
                      <summary>
                        {m.reasons[0]?.message || 'Why'}
                        {m.reasons.length > 1 ? ` (and ${m.reasons.length - 1} more)` : ''}
                      </summary>
                      <ReasonList reasons={m.reasons} context={{ mailboxId: m.mailboxId }} />
                    </details>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows && rows.length >= limit ? (
        <button type="button" onClick={() => setLimit((l) => l + PAGE)}>
          Show more
        </button>
      ) : null}
      {composing ? <ComposeDialog onClose={() => setComposing(false)} /> : null}
    </div>
  );
}
