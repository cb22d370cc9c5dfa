import { describe, expect, it } from 'vitest';
import { imapSettingsRequest, senderAuthRequest } from './mailboxes';

describe('a mailbox’s settings on the bridge', () => {
  it('takes selectors and SPF terms as DNS names, lower-cased, and refuses anything else', () => {
    expect(
      senderAuthRequest.parse({
        id: 'm1',
        dkimSelectors: [' S1 ', 'k2.2024'],
        spf: ['include:_SPF.Relay.test', 'mailgun.org', 'ip4:203.0.113.5/32', 'ip6:2001:db8::1'],
      }),
    ).toEqual({
      id: 'm1',
      dkimSelectors: ['s1', 'k2.2024'],
      spf: ['include:_spf.relay.test', 'mailgun.org', 'ip4:203.0.113.5/32', 'ip6:2001:db8::1'],
    });
    for (const bad of [
      { dkimSelectors: ['s1._domainkey example'], spf: [] },
      { dkimSelectors: [], spf: ['+all'] },
      { dkimSelectors: [], spf: ['include:'] },
      { dkimSelectors: [], spf: ['v=spf1 include:x.test ~all'] },
      { dkimSelectors: ['a', 'b', 'c', 'd', 'e', 'f'], spf: [] },
    ])
      expect(senderAuthRequest.safeParse({ id: 'm1', ...bad }).success, JSON.stringify(bad)).toBe(false);
    expect(senderAuthRequest.safeParse({ id: 'm1', dkimSelectors: [], spf: [], extra: 1 }).success).toBe(
      false,
    );
  });

  it('adds or changes IMAP on the standard ports only, and removes it with null', () => {
    const imap = { host: 'imap.relay.test', port: 993, security: 'tls' };
    expect(imapSettingsRequest.parse({ id: 'm1', imap })).toEqual({ id: 'm1', imap });
    expect(imapSettingsRequest.parse({ id: 'm1', imap: null })).toEqual({ id: 'm1', imap: null });
    expect(imapSettingsRequest.safeParse({ id: 'm1', imap: { ...imap, port: 1143 } }).success).toBe(false);
    expect(imapSettingsRequest.safeParse({ id: 'm1' }).success).toBe(false);
  });
});
