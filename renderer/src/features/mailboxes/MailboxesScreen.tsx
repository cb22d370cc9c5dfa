import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../../../../shared/ipc/app';
import type { MailboxHealthInfo, MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { OAuthSettingsView } from '../../../../shared/ipc/oauth-settings';
import { call } from '../../bridge/client';
import { useApp } from '../../store';
import { PLACE_IDS, PLACE_PARAMS } from '../../store/address';
import { useAddressParams } from '../../store/use-address';
import { bridgeProblem } from '../../ui/bridge-problem';
import { EmptyState } from '../../ui/EmptyState';
import { CheckInboxButton } from './CheckInboxButton';
import { ConnectOAuthDialog } from './ConnectOAuthDialog';
import { ConnectSmtpDialog } from './ConnectSmtpDialog';
import { MailboxCard } from './MailboxCard';
import { MailboxSettingsDialog } from './MailboxSettingsDialog';
import { OAuthSettingsForm } from './OAuthSettingsForm';
import { PassphrasePanel } from './PassphrasePanel';

type Connecting = { kind: 'smtp' } | { kind: 'gmail' | 'outlook'; reconnect?: MailboxInfo } | null;

export function MailboxesScreen() {
  const notify = useApp((s) => s.notify);
  const [mailboxes, setMailboxes] = useState<MailboxInfo[] | null>(null);
  const [health, setHealth] = useState<Map<string, MailboxHealthInfo>>(new Map());
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [oauth, setOAuth] = useState<OAuthSettingsView | null>(null);
  const [showOAuth, setShowOAuth] = useState(false);
  const [connecting, setConnecting] = useState<Connecting>(null);
  const go = useApp((s) => s.go);
  const params = useAddressParams();
  const settingsOf = mailboxes?.find((m) => m.id === params.get(PLACE_PARAMS.mailboxSettings));
  const shownId = params.get(PLACE_PARAMS.mailbox);

  // #/mailboxes?mailbox=<id> (a reason's fix): that mailbox's card, scrolled to and focused
  useEffect(() => {
    if (!shownId || !mailboxes) return;
    const card = document.getElementById(PLACE_IDS.mailboxCard(shownId));
    card?.scrollIntoView({ block: 'center' });
    card?.focus();
  }, [shownId, mailboxes]);

  const refresh = useCallback(async () => {
    const result = await call('mailboxes.list', {});
    if (result.ok) setMailboxes(result.value);
    else notify('error', bridgeProblem(result.error).text);
  }, [notify]);
  const refreshHealth = useCallback(async () => {
    const result = await call('mailboxes.health', {});
    if (result.ok) setHealth(new Map(result.value.map((h) => [h.id, h])));
  }, []);

  useEffect(() => {
    void refresh();
    void refreshHealth();
    void call('app.info', {}).then((r) => r.ok && setInfo(r.value));
    void call('settings.getOAuth', {}).then((r) => r.ok && setOAuth(r.value));
  }, [refresh, refreshHealth]);

  const replace = (next: MailboxInfo) =>
    setMailboxes((all) => (all ?? []).map((m) => (m.id === next.id ? next : m)));
  const connected = useCallback(
    (m: MailboxInfo) => {
      setConnecting(null);
      setMailboxes((all) => [...(all ?? []).filter((x) => x.id !== m.id), m]);
      void refreshHealth();
      notify('success', `${m.address} is connected.`);
    },
    [notify, refreshHealth],
  );
  const locked = info?.secretStorage === 'none';
  const missing = (kind: 'google' | 'microsoft') =>
    oauth?.[kind]
      ? ''
      : `Set your team's ${kind === 'google' ? 'Google' : 'Microsoft'} OAuth client id first.`;

  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Mailboxes</h1>
        <div className="header-actions">
          <button
            type="button"
            className="primary"
            disabled={locked}
            onClick={() => setConnecting({ kind: 'smtp' })}
          >
            Connect SMTP mailbox
          </button>
          <button
            type="button"
            disabled={locked || !oauth?.google}
            title={missing('google')}
            onClick={() => setConnecting({ kind: 'gmail' })}
          >
            Connect Gmail
          </button>
          <button
            type="button"
            disabled={locked || !oauth?.microsoft}
            title={missing('microsoft')}
            onClick={() => setConnecting({ kind: 'outlook' })}
          >
            Connect Outlook
          </button>
          <CheckInboxButton onChecked={() => void refreshHealth()} />
          <button type="button" onClick={() => setShowOAuth((v) => !v)} aria-expanded={showOAuth}>
            Sign-in settings
          </button>
        </div>
      </header>
      {locked ? <PassphrasePanel onUnlocked={(next) => setInfo(next)} /> : null}
      {oauth && (!oauth.google || !oauth.microsoft) && !showOAuth ? (
        <p className="muted">
          Gmail and Outlook connect by signing in with your team's own OAuth client.{' '}
          <button type="button" className="link" onClick={() => setShowOAuth(true)}>
            Enter the client ids
          </button>{' '}
          to turn them on.
        </p>
      ) : null}
      {showOAuth && oauth ? (
        <OAuthSettingsForm
          settings={oauth}
          onSaved={(next) => {
            setOAuth(next);
            setShowOAuth(false);
          }}
        />
      ) : null}
      {mailboxes?.length === 0 ? (
        <EmptyState title="No mailbox connected">
          Fairsend sends through your own mailbox: sign in with Gmail or Outlook, or connect any provider over
          SMTP with a password or app password. Passwords and tokens stay sealed on this computer and never
          reach this window.
        </EmptyState>
      ) : (
        <ul className="mailbox-list" aria-label="Connected mailboxes">
          {(mailboxes ?? []).map((m) => (
            <MailboxCard
              key={m.id}
              mailbox={m}
              health={health.get(m.id)}
              onChanged={replace}
              onHealth={() => {
                void refresh();
                void refreshHealth();
              }}
              onReconnect={() => m.kind !== 'smtp' && setConnecting({ kind: m.kind, reconnect: m })}
              onRemoved={() => setMailboxes((all) => (all ?? []).filter((x) => x.id !== m.id))}
              onSettings={() => go('mailboxes', { [PLACE_PARAMS.mailboxSettings]: m.id })}
            />
          ))}
        </ul>
      )}
      {settingsOf ? (
        <MailboxSettingsDialog mailbox={settingsOf} onClose={() => go('mailboxes')} onChanged={replace} />
      ) : null}
      {connecting?.kind === 'smtp' ? (
        <ConnectSmtpDialog onClose={() => setConnecting(null)} onConnected={connected} />
      ) : connecting ? (
        <ConnectOAuthDialog
          kind={connecting.kind}
          {...(connecting.reconnect ? { reconnect: connecting.reconnect } : {})}
          onClose={() => setConnecting(null)}
          onConnected={connected}
        />
      ) : null}
    </div>
  );
}
