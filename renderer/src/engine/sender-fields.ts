import type { SenderFields } from '../../../shared/sequences/templates/scope';

/** The rep's own fields a template may name, from the sending mailbox's display name and the company. */
export function senderFields(displayName: string, company: string): SenderFields {
  const name = displayName.trim();
  const [first = '', ...rest] = name.split(/\s+/);
  return { name, first_name: first, last_name: rest.join(' '), company };
}
