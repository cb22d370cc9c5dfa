import { useState } from 'react';
import type { LeadList } from '../../db/lead-list';
import { useServices } from '../../services/use-services';
import { useApp } from '../../store';
import { ConfirmDialog } from './dialogs/ConfirmDialog';
import { EnrollDialog } from './dialogs/EnrollDialog';
import { TagDialog } from './dialogs/TagDialog';
import { ExportMenu } from './ExportMenu';
import { ERASE_EXPLANATION, eraseLeads } from './erase';
import { chunksOfIds } from './export-file';

type Pending = 'add-tag' | 'remove-tag' | 'enroll' | 'delete' | 'erase' | null;

const plural = (n: number) => `${n.toLocaleString()} lead${n === 1 ? '' : 's'}`;

/** Actions on the selected leads; shown while something is selected. */
export function BulkBar({
  knownTags,
  list,
  filtered,
}: {
  knownTags: string[];
  /** the current list (the filters' matches), for "Add to sequence" */
  list: LeadList | null;
  filtered: boolean;
}) {
  const services = useServices();
  const { leads } = services;
  const selected = useApp((s) => s.selected);
  const setSelected = useApp((s) => s.setSelected);
  const openLeadId = useApp((s) => s.openLeadId);
  const openLead = useApp((s) => s.openLead);
  const notify = useApp((s) => s.notify);
  const [pending, setPending] = useState<Pending>(null);
  const ids = [...selected];
  const close = () => setPending(null);

  function forgetSelection() {
    if (openLeadId && selected.has(openLeadId)) openLead(null);
    setSelected(new Set());
  }

  return (
    <section className="bulk-bar" aria-label="Selected leads">
      <strong>{plural(ids.length)} selected</strong>
      <button type="button" onClick={() => setPending('enroll')}>
        Add to sequence
      </button>
      <button type="button" onClick={() => setPending('add-tag')}>
        Add tag
      </button>
      <button type="button" onClick={() => setPending('remove-tag')}>
        Remove tag
      </button>
      <ExportMenu label="Export selected" count={ids.length} rows={() => chunksOfIds(ids, leads.getMany)} />
      <button type="button" className="danger" onClick={() => setPending('delete')}>
        Delete
      </button>
      <button type="button" className="danger" onClick={() => setPending('erase')}>
        Erase
      </button>
      <button type="button" className="ghost" onClick={() => setSelected(new Set())}>
        Clear selection
      </button>

      {pending === 'enroll' ? (
        <EnrollDialog selected={ids} list={list} filtered={filtered} knownTags={knownTags} onClose={close} />
      ) : null}
      {pending === 'add-tag' || pending === 'remove-tag' ? (
        <TagDialog
          mode={pending === 'add-tag' ? 'add' : 'remove'}
          count={ids.length}
          known={knownTags}
          onClose={close}
          onApply={async (tag) => {
            const n = await leads.retag(ids, pending === 'add-tag' ? { add: [tag] } : { remove: [tag] });
            notify('success', `${pending === 'add-tag' ? 'Tagged' : 'Untagged'} ${plural(n)} “${tag}”.`);
          }}
        />
      ) : null}
      {pending === 'delete' ? (
        <ConfirmDialog
          title={`Delete ${plural(ids.length)}?`}
          confirmLabel="Delete"
          onClose={close}
          onConfirm={async () => {
            const n = await leads.remove(ids);
            forgetSelection();
            notify('success', `Deleted ${plural(n)}.`);
          }}
        >
          They leave your lead list; a later import can add them again. To make sure someone is never
          contacted again, use Erase instead.
        </ConfirmDialog>
      ) : null}
      {pending === 'erase' ? (
        <ConfirmDialog
          title={`Erase ${plural(ids.length)}?`}
          confirmLabel="Erase for good"
          typeToConfirm="ERASE"
          onClose={close}
          onConfirm={async () => {
            const n = await eraseLeads(services, ids);
            forgetSelection();
            notify('success', `Erased ${plural(n)}. They will not be contacted again.`);
          }}
        >
          {ERASE_EXPLANATION}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
