import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { Result } from '../../../../shared/ipc/result';
import { call } from '../../bridge/client';
import type { AppServices } from '../../services/app-services';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';

/**
 * The rep's own pause of one mailbox: main keeps it in the mailbox's record, its one send path holds every
 * send from it, and the sequence engine plans none (its leads wait and their timelines say why). Resuming
 * wakes the engine, so the waiting steps go on by themselves. A breaker's pause is a separate matter
 * (MailboxHealthPanel); this one only the rep starts and ends.
 */
export function PauseSendingButton({
  mailbox,
  busy,
  run,
  onChanged,
}: {
  mailbox: MailboxInfo;
  busy: boolean;
  run: (label: string, work: () => Promise<Result<MailboxInfo>>) => Promise<MailboxInfo | null>;
  onChanged: (m: MailboxInfo) => void;
}) {
  const notify = useApp((s) => s.notify);
  const { engine, enrollments, sequences } = useServices();
  const paused = mailbox.pausedAt !== undefined;
  async function toggle() {
    const next = await run('pause', () => call('mailboxes.setPaused', { id: mailbox.id, paused: !paused }));
    if (!next) return;
    onChanged(next);
    if (paused) {
      await wakeLeadsOf(mailbox.id, { enrollments, sequences });
      engine.wake();
      notify(
        'success',
        `Sending from ${mailbox.address} resumed. Emails waiting for it go on by themselves.`,
      );
    } else notify('success', `${mailbox.address} is paused. Nothing goes from it until you resume.`);
  }
  return (
    <button type="button" disabled={busy} onClick={() => void toggle()}>
      {paused ? 'Resume sending' : 'Pause sending'}
    </button>
  );
}

/** The sequence leads waiting for this mailbox are due now: the engine sends them at once, not at its next look. */
export async function wakeLeadsOf(
  mailboxId: string,
  { enrollments, sequences }: Pick<AppServices, 'enrollments' | 'sequences'>,
): Promise<void> {
  const using = (await sequences.list()).filter((s) => s.mailboxIds.includes(mailboxId)).map((s) => s.id);
  await enrollments.wakeMailbox(mailboxId, using);
}

/** On the card while the rep's pause is on, in words. */
export function PausedNotice({ mailbox }: { mailbox: MailboxInfo }) {
  if (mailbox.pausedAt === undefined) return null;
  const since = new Date(mailbox.pausedAt).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <p className="warning" role="status" data-testid="mailbox-paused">
      Paused by you — no emails go from this mailbox until you resume. Its sequence leads wait, and scheduled
      emails stay in the Outbox. <span className="muted">Paused since {since}.</span>
    </p>
  );
}
