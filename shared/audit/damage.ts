/**
 * Why an audit log was refused, one code per way it can fail its checks at start-up, and the words a rep
 * reads for each (no file names, no codes: what happened and what it means for them).
 */
export const AUDIT_DAMAGE = [
  'unreadable-line', // a line is not an event: edited by hand, or cut in the middle
  'chain-broken', // events altered, removed, reordered or repeated inside the log
  'not-sealed-here', // an event's seal is wrong: rewritten (hashes recomputed) or written elsewhere
  'device-changed', // the log, its record or this computer's id belong to different devices
  'events-missing', // fewer events than recorded: the end removed, the file emptied or deleted
  'events-added', // more events than recorded (beyond the one a crash can leave), or an old record
  'different-events', // as many events as recorded, but not the ones recorded
  'record-missing', // the sealed record of where the log ends is gone
  'record-damaged', // that record was altered or cannot be read
  'key-missing', // the key that seals the log is gone while the log holds events
  'key-unreadable', // this computer's secure storage can no longer open that key
  'cannot-read', // the files could not be read at all (permissions, disk)
] as const;

export type AuditDamage = (typeof AUDIT_DAMAGE)[number];

const DETAIL: Record<AuditDamage, string> = {
  'unreadable-line': 'Part of the record cannot be read: it was edited by hand or cut short.',
  'chain-broken': 'Entries inside the record were changed, removed, reordered or repeated.',
  'not-sealed-here': 'Entries in the record were rewritten after Fairsend wrote them.',
  'device-changed': 'The record, or this computer’s Fairsend identity, was replaced with another one.',
  'events-missing': 'The latest entries are missing: the record was shortened, emptied or deleted.',
  'events-added': 'The record holds entries Fairsend did not note down, or an older copy was put back.',
  'different-events': 'The latest entries are not the ones Fairsend wrote.',
  'record-missing': 'The sealed note of where the record ends is missing.',
  'record-damaged': 'The sealed note of where the record ends was changed.',
  'key-missing': 'The key that seals the record is missing.',
  'key-unreadable':
    'This computer’s secure storage can no longer open the key that seals the record (for example after the keyring was reset).',
  'cannot-read': 'Fairsend could not read the record’s files on this computer.',
};

/** The sentence shown with the refusal, saying what was found. */
export function describeDamage(problem: AuditDamage): string {
  return DETAIL[problem];
}

/**
 * What a refused append (a send, a suppression change, anything that must be recorded) answers while the log
 * is damaged: nothing that must be audited happens until the rep deals with it.
 */
export const AUDIT_PAUSED_DAMAGED =
  'Fairsend’s record of what happens on this computer (its audit log) is damaged, so sending and other recorded changes are paused. The notice at the top of the window explains what to do.';

/** The same while the key is locked (Linux without a keyring, before the passphrase is given). */
export const AUDIT_PAUSED_LOCKED =
  'Fairsend’s audit log is sealed with your passphrase: unlock Fairsend on the Mailboxes screen first. Until then nothing that must be recorded, sending included, can happen.';
