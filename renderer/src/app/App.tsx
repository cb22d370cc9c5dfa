import { useEffect } from 'react';
import { AuditRecoveryNotice } from '../features/audit-recovery/AuditRecoveryNotice';
import { LeadsScreen } from '../features/leads/LeadsScreen';
import { MailboxesScreen } from '../features/mailboxes/MailboxesScreen';
import { OutboxScreen } from '../features/outbox/OutboxScreen';
import { SuppressionScreen } from '../features/suppression/SuppressionScreen';
import { AREAS, type Area, useApp } from '../store';
import { Nav } from './Nav';
import { SequencesScreen, TeamScreen } from './Placeholders';
import { SettingsScreen } from './SettingsScreen';
import { Toasts } from './Toasts';

const SCREENS: Record<Area, () => React.JSX.Element> = {
  leads: LeadsScreen,
  sequences: SequencesScreen,
  outbox: OutboxScreen,
  mailboxes: MailboxesScreen,
  suppression: SuppressionScreen,
  team: TeamScreen,
  settings: SettingsScreen,
};

export function App() {
  const area = useApp((s) => s.area);
  const theme = useApp((s) => s.theme);
  const go = useApp((s) => s.go);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const onHash = () => {
      const next = window.location.hash.replace(/^#\/?/, '');
      if ((AREAS as readonly string[]).includes(next)) go(next as Area);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [go]);

  const Screen = SCREENS[area];
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Nav />
      <main id="main" tabIndex={-1}>
        <AuditRecoveryNotice />
        <Screen />
      </main>
      <Toasts />
    </div>
  );
}
