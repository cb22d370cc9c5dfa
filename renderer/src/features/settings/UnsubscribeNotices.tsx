import { useEffect, useState } from 'react';
import { call } from '../../bridge/client';
import { useApp } from '../../store';
import { type UnsubscribeNotice, unsubscribeNotices } from './unsubscribe-notices';

/**
 * Where opt-outs arrive, said plainly: in Settings, on each mailbox card and in Compose. Loads once when
 * shown; give it a new `key` to check again (Settings does after a save).
 */
export function UnsubscribeNotices({ only }: { only?: UnsubscribeNotice['id'] }) {
  const go = useApp((s) => s.go);
  const area = useApp((s) => s.area);
  const [notices, setNotices] = useState<UnsubscribeNotice[]>([]);

  useEffect(() => {
    let live = true;
    void Promise.all([
      call('settings.getProfile', {}),
      call('settings.getStatus', {}),
      call('mailboxes.list', {}),
    ]).then(([profile, status, mailboxes]) => {
      if (!live || !profile.ok || !status.ok || !mailboxes.ok) return;
      setNotices(unsubscribeNotices(profile.value, status.value.teamServer, mailboxes.value));
    });
    return () => {
      live = false;
    };
  }, []);

  const shown = notices.filter((n) => !only || n.id === only);
  if (shown.length === 0) return null;
  return (
    <ul className="unsubscribe-notices" aria-label="Where opt-outs arrive">
      {shown.map((n) => (
        <li key={n.id} className={n.tone === 'warning' ? 'warning' : 'hint'}>
          {n.text}{' '}
          {n.fix && n.fix.area !== area ? (
            <button type="button" className="link" onClick={() => go(n.fix!.area)}>
              {n.fix.label}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
