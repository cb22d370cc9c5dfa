import type { LeadDoc } from '../../db/schemas/leads';
import { FormFooter } from '../../ui/FormFooter';
import { Modal } from '../../ui/Modal';
import { SuppressedNotice } from '../suppression/SuppressedNotice';
import { CheckOrPreview } from './CheckOrPreview';
import { FromField, MessageFields, ToField } from './ComposeFields';
import { DraftNotice } from './DraftNotice';
import { KeepDraftDialog } from './KeepDraftDialog';
import { sendLabel } from './schedule-compose';
import { useComposeDialog } from './use-compose-dialog';

/**
 * A one-off email to one lead (a first touch: no reply-in-thread here). The gate checks the draft as the rep
 * types and shows its verdict, score and reasons; Preview shows exactly what would be sent. Sending goes
 * through `send.message` like every other email; a blocked draft cannot be sent.
 * What the rep types is kept as the lead's draft (use-compose-draft.ts); closing with new text asks first.
 * The state and the work behind the buttons: use-compose-dialog.ts.
 */
export function ComposeDialog({ lead: fixedLead, onClose }: { lead?: LeadDoc; onClose: () => void }) {
  const c = useComposeDialog(fixedLead, onClose);
  const { lead, saved } = c;
  return (
    <Modal title="New email" onClose={c.requestClose} className="compose-dialog">
      <form
        className="compose-body"
        // Enter in the subject must not send: only the Send button does.
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="compose-fields">
          {lead ? <SuppressedNotice lead={lead} entries={c.listed} /> : null}
          {saved.restoredAt !== null ? (
            <DraftNotice savedAt={saved.restoredAt} onDiscard={() => void saved.startOver()} />
          ) : null}
          {saved.problem ? <p className="error">{saved.problem}</p> : null}
          <FromField mailboxes={c.mailboxes} mailboxId={c.mailboxId} onChange={c.setMailboxId} />
          <ToField
            lead={lead}
            onPick={c.pickLead}
            onChange={fixedLead ? undefined : () => void c.changeLead()}
          />
          <MessageFields
            subject={c.subject}
            body={c.body}
            onSubject={c.setSubject}
            onBody={c.setBody}
            readOnly={!saved.ready}
            autoFocus={Boolean(fixedLead)}
          />
        </div>
        <CheckOrPreview
          tab={c.tab}
          onTab={c.setTab}
          gate={c.gate}
          preview={c.preview}
          mailboxId={c.mailboxId}
        />
        <FormFooter
          problem={c.problem}
          busy={c.busy}
          onCancel={c.requestClose}
          disabled={c.blocked || !c.upToDate || c.suppressed}
          onAction={() => void c.send()}
          action={sendLabel(c.scheduleAt)}
          busyAction={c.scheduleAt === undefined ? 'Sending…' : 'Scheduling…'}
        />
      </form>
      {c.leaving ? (
        <KeepDraftDialog
          busy={c.answering}
          onKeep={() => void c.leave('keep')}
          onDiscard={() => void c.leave('discard')}
          onBack={c.backToEmail}
        />
      ) : null}
    </Modal>
  );
}
