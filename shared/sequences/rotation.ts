/**
 * Mailbox rotation: each lead gets one mailbox when it is enrolled and keeps it for every step (a thread comes
 * from one address). Leads go to the least-loaded mailbox of the rotation, ties in the rotation's order, so the
 * spread is even and the same input always gives the same answer.
 */
import { Heap } from './heap';

interface Slot {
  mailboxId: string;
  order: number;
  load: number;
}

const lighter = (a: Slot, b: Slot) => (a.load !== b.load ? a.load < b.load : a.order < b.order);

/**
 * The mailbox for each new lead, in the order given. `load` holds how many active enrollments each mailbox
 * already carries (in this sequence), so a later enrollment evens out an earlier one.
 */
export function assignMailboxes(
  leadIds: readonly string[],
  rotation: readonly string[],
  load: ReadonlyMap<string, number> = new Map(),
): Map<string, string> {
  const assigned = new Map<string, string>();
  const unique = [...new Set(rotation)];
  if (!unique.length) return assigned;
  const slots = new Heap<Slot>(
    lighter,
    unique.map((mailboxId, order) => ({ mailboxId, order, load: load.get(mailboxId) ?? 0 })),
  );
  for (const leadId of leadIds) {
    if (assigned.has(leadId)) continue;
    const slot = slots.pop()!;
    assigned.set(leadId, slot.mailboxId);
    slot.load++;
    slots.push(slot);
  }
  return assigned;
}
