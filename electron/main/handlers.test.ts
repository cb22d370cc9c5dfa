import { describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/ipc/dispatch';
import { createHandlers, type MainServices } from './handlers';
import type { MailboxService } from './mailboxes/mailbox-service';
import type { SendService } from './send/send-service';
import { createSendingPause } from './send/sending-pause';
import type { DnsSettingsStore } from './settings/dns-settings';
import type { ProfileStore } from './settings/profile-store';

function setup() {
  const opened: string[] = [];
  const handlers = createHandlers({
    appInfo: () => ({
      name: 'Fairsend',
      version: '1',
      mode: 'desktop',
      platform: 'linux',
      secretStorage: 'os-keyring',
    }),
    openExternal: async (url) => {
      opened.push(url);
    },
    teamKey: {
      suppressionKeys: async (_kind, values) => values.map((v) => `h(${v})`),
      unsubscribeToken: async () => 'token',
    },
    // not used by these handlers' tests; their own tests cover them
    mailboxes: {} as MailboxService,
    oauthSettings: {} as MainServices['oauthSettings'],
    unlockVault: async () => Promise.reject(new Error('not in these tests')),
    team: {} as MainServices['team'],
    profile: {} as ProfileStore,
    dnsSettings: {} as DnsSettingsStore,
    send: {} as SendService,
    sending: createSendingPause({
      audit: { append: async () => Promise.reject(new Error('no log')) },
      now: () => 5,
    }),
    suppression: { apply: () => ({ size: 0, ready: false }) },
    audit: {
      since: () => [],
      append: async () => Promise.reject(new Error('not in these tests')),
      status: () => ({ state: 'ready', events: 0 }),
      requireWritable: () => {},
      exportDamaged: async () => Promise.reject(new Error('not in these tests')),
      startNewChain: async () => Promise.reject(new Error('not in these tests')),
    },
    inbox: { since: () => [], check: async () => Promise.reject(new Error('not in these tests')) },
    certificates: {} as MainServices['certificates'],
    postmaster: {} as MainServices['postmaster'],
  });
  return { handlers, opened };
}

describe('main handlers', () => {
  it('pauses and resumes all sending through a validated channel', async () => {
    const { handlers } = setup();
    const call = (channel: 'sending.state' | 'sending.setPaused', request: unknown) =>
      dispatch(handlers, channel, request, { transport: 'ipc' });
    expect(await call('sending.state', {})).toEqual({ ok: true, value: { paused: false, since: 0 } });
    expect(await call('sending.setPaused', { paused: 'yes' })).toMatchObject({ ok: false });
    expect(await call('sending.setPaused', { paused: true, extra: 1 })).toMatchObject({ ok: false });
    expect(await call('sending.setPaused', { paused: true })).toEqual({
      ok: true,
      value: { paused: true, since: 5 },
    });
    expect(await call('sending.state', {})).toEqual({ ok: true, value: { paused: true, since: 5 } });
  });

  it('opens https links in the system browser and refuses every other scheme', async () => {
    const { handlers, opened } = setup();
    const good = await dispatch(
      handlers,
      'app.openExternal',
      { url: 'https://fairsend.app/docs' },
      { transport: 'ipc' },
    );
    expect(good).toEqual({ ok: true, value: null });
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://example.com',
      'smb://host/share',
    ]) {
      const bad = await dispatch(handlers, 'app.openExternal', { url }, { transport: 'ipc' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(opened).toEqual(['https://fairsend.app/docs']);
  });

  it('hands out suppression keys, never the team key', async () => {
    const { handlers } = setup();
    const result = await dispatch(
      handlers,
      'suppression.keys',
      { kind: 'address', values: ['a@example.com'] },
      { transport: 'ipc' },
    );
    expect(result).toEqual({ ok: true, value: ['h(a@example.com)'] });
  });
});
