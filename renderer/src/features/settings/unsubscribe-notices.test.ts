import { describe, expect, it } from 'vitest';
import type { MailboxInfo } from '../../../../shared/mailboxes/mailbox';
import { unsubscribeNotices } from './unsubscribe-notices';

const profile = {
  company: 'Acme',
  postalAddress: 'Torstraße 1, 10119 Berlin',
  unsubscribeBaseUrl: 'https://team.acme.test',
  unsubscribeMailto: 'optout@acme.test',
};
const mailbox = (patch: Partial<MailboxInfo>): MailboxInfo => ({
  id: 'm1',
  kind: 'smtp',
  address: 'optout@acme.test',
  displayName: 'Rita',
  signature: '',
  provider: 'smtp',
  createdAt: 0,
  dailyCapOverride: null,
  lastError: null,
  lastCheckedAt: null,
  ...patch,
});
const smtp = {
  host: 'smtp.acme.test',
  port: 587,
  security: 'starttls' as const,
  user: 'u',
  localRelay: false,
};

describe('unsubscribeNotices', () => {
  it('warns when the team server address did not answer, with the reason and a way to fix it', () => {
    const [team] = unsubscribeNotices(
      profile,
      {
        address: profile.unsubscribeBaseUrl,
        checkedAt: 1,
        answered: false,
        problem: 'No server by that name could be found.',
      },
      [],
    );
    expect(team).toMatchObject({ id: 'team-server', tone: 'warning', fix: { area: 'settings' } });
    expect(team?.text).toMatch(/only received if https:\/\/team\.acme\.test answers.*No server by that name/);
  });

  it('still says plainly where clicks go when it answered', () => {
    const [team] = unsubscribeNotices(
      profile,
      { address: profile.unsubscribeBaseUrl, checkedAt: 1, answered: true },
      [],
    );
    expect(team).toMatchObject({ tone: 'info' });
    expect(team?.text).toMatch(/only received if https:\/\/team\.acme\.test answers/);
  });

  it.each([
    ['no mailbox has the address', [], /not being read: no connected mailbox has that address/],
    ['an SMTP mailbox without IMAP', [mailbox({ smtp })], /not being read: its mailbox has no IMAP/],
  ])('warns that opt-out emails are not read when %s', (_, boxes, text) => {
    const mailto = unsubscribeNotices(profile, null, boxes).find((n) => n.id === 'mailto-unread');
    expect(mailto?.text).toMatch(text);
    expect(mailto?.fix?.area).toBe('mailboxes');
  });

  it.each([
    [
      'an SMTP mailbox with IMAP',
      mailbox({ smtp: { ...smtp, imap: { host: 'imap.acme.test', port: 993, security: 'tls', user: 'u' } } }),
    ],
    [
      'a Gmail mailbox',
      mailbox({ kind: 'gmail', provider: 'google-workspace', address: 'OptOut@acme.test' }),
    ],
  ])('says nothing about opt-out emails read by %s', (_, box) => {
    expect(unsubscribeNotices(profile, null, [box]).map((n) => n.id)).toEqual(['team-server']);
  });
});
