import { useServices } from '../../../services/use-services';
import { useApp } from '../../../store';
import { Modal } from '../../../ui/Modal';
import { LeadForm } from '../detail/LeadForm';
import { formFromLead } from '../detail/lead-form';

/** "New lead": one lead typed by hand; a duplicate address is refused on the email field. */
export function NewLeadDialog({ onClose }: { onClose: () => void }) {
  const { leads } = useServices();
  const notify = useApp((s) => s.notify);
  const openLead = useApp((s) => s.openLead);
  return (
    <Modal title="New lead" onClose={onClose} className="form-dialog">
      <LeadForm
        initial={formFromLead()}
        submitLabel="Add lead"
        onCancel={onClose}
        onSubmit={async (fields) => {
          const lead = await leads.create(fields);
          onClose();
          openLead(lead.id);
          notify('success', `Added ${lead.email}.`);
        }}
      />
    </Modal>
  );
}
