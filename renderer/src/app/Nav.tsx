import { AREAS, type Area, useApp } from '../store';
import { SendingToggle } from './SendingToggle';

const LABELS: Record<Area, string> = {
  leads: 'Leads',
  sequences: 'Sequences',
  outbox: 'Outbox',
  mailboxes: 'Mailboxes',
  suppression: 'Suppression',
  team: 'Team',
  settings: 'Settings',
};

/** `onSendingResumed`: Resume sending was chosen (here or in the tray); the window's engine wakes. */
export function Nav({ onSendingResumed }: { onSendingResumed?: () => void }) {
  const area = useApp((s) => s.area);
  const go = useApp((s) => s.go);
  const theme = useApp((s) => s.theme);
  const setTheme = useApp((s) => s.setTheme);
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand" aria-hidden="true">
        Fairsend
      </div>
      <ul>
        {AREAS.map((a) => (
          <li key={a}>
            <a
              href={`#/${a}`}
              aria-current={a === area ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(a);
              }}
            >
              {LABELS[a]}
            </a>
          </li>
        ))}
      </ul>
      <SendingToggle {...(onSendingResumed ? { onResumed: onSendingResumed } : {})} />
      <button
        type="button"
        className="ghost theme-toggle"
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
      >
        {theme === 'dark' ? '☀ Light' : '☾ Dark'}
      </button>
    </nav>
  );
}
