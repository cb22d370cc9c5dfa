import { describe, expect, it } from 'vitest';
import type { LeadDoc } from '../../db/schemas/leads';
import { sendDraftOf } from './use-compose-dialog';

const lead = {
  id: 'l1',
  email: 'ana@acme.com',
  firstName: 'Ana',
  lastName: 'Ruiz',
  timezone: 'Europe/Madrid',
} as LeadDoc;

describe('what Compose would send', () => {
  it('is nothing until a lead and a mailbox are chosen', () => {
    expect(sendDraftOf(null, 'm1', 'Hi', 'Body')).toBeNull();
    expect(sendDraftOf(lead, '', 'Hi', 'Body')).toBeNull();
  });

  it('is a one-off first touch to the lead, by name, in their time zone', () => {
    expect(sendDraftOf(lead, 'm1', 'Quick question', 'Hi Ana')).toEqual({
      mailboxId: 'm1',
      to: 'ana@acme.com',
      toName: 'Ana Ruiz',
      subject: 'Quick question',
      html: '<p>Hi Ana</p>',
      text: 'Hi Ana',
      isFirstTouch: true,
      kind: 'one-off',
      leadTimeZone: 'Europe/Madrid',
    });
  });

  it('leaves out a name and a time zone the lead does not have', () => {
    const bare = { ...lead, firstName: '', lastName: '', timezone: '' } as LeadDoc;
    const draft = sendDraftOf(bare, 'm1', '', '');
    expect(draft).not.toHaveProperty('toName');
    expect(draft).not.toHaveProperty('leadTimeZone');
  });
});
