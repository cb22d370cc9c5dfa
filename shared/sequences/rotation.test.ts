import { describe, expect, it } from 'vitest';
import { assignMailboxes } from './rotation';

describe('mailbox rotation', () => {
  const leads = Array.from({ length: 10 }, (_, i) => `l${i}`);

  it('spreads leads evenly, in the rotation order, the same way every time', () => {
    const a = assignMailboxes(leads, ['m1', 'm2', 'm3']);
    expect([...a.values()]).toEqual(['m1', 'm2', 'm3', 'm1', 'm2', 'm3', 'm1', 'm2', 'm3', 'm1']);
    expect(assignMailboxes(leads, ['m1', 'm2', 'm3'])).toEqual(a);
  });

  it('fills the lighter mailboxes first when some already carry leads', () => {
    const a = assignMailboxes(leads.slice(0, 4), ['m1', 'm2'], new Map([['m1', 3]]));
    expect([...a.values()]).toEqual(['m2', 'm2', 'm2', 'm1']);
  });

  it('gives a lead listed twice one mailbox, and nothing without mailboxes', () => {
    expect(assignMailboxes(['a', 'a', 'b'], ['m1', 'm2'])).toEqual(
      new Map([
        ['a', 'm1'],
        ['b', 'm2'],
      ]),
    );
    expect(assignMailboxes(['a'], []).size).toBe(0);
  });
});
