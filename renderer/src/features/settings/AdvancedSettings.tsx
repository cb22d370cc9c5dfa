import { type FormEvent, useEffect, useState } from 'react';
import { parseDnsServers } from '../../../../shared/config/dns-servers';
import type { DnsServersStatus } from '../../../../shared/ipc/settings';
import { call } from '../../bridge/client';
import { useApp } from '../../store';
import { PLACE_IDS } from '../../store/address';
import { bridgeProblem } from '../../ui/bridge-problem';

const FROM: Record<DnsServersStatus['from'], string> = {
  settings: 'the servers set here',
  environment: 'the servers your administrator set for this computer',
  system: 'this computer’s own DNS settings',
};

/** Settings → Advanced: which DNS servers the compliance checks ask (kept by main). */
export function AdvancedSettings() {
  const notify = useApp((s) => s.notify);
  const [status, setStatus] = useState<DnsServersStatus | null>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');

  useEffect(() => {
    void call('settings.getStatus', {}).then((r) => {
      if (!r.ok) return;
      setStatus(r.value.dns);
      if (r.value.dns.from === 'settings') setText(r.value.dns.servers.join(', '));
    });
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseDnsServers(text);
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    const result = await call('settings.setDnsServers', { servers: parsed.servers });
    if (!result.ok) {
      setProblem(bridgeProblem(result.error, { servers: 'DNS servers' }).text);
      return;
    }
    setProblem('');
    setStatus(result.value);
    notify('success', parsed.servers.length ? 'DNS servers saved.' : 'Back to this computer’s DNS settings.');
  }

  return (
    <section className="card" aria-labelledby="advanced-title" id={PLACE_IDS.settingsSection('advanced')}>
      <h2 id="advanced-title">Advanced</h2>
      <form className="form-grid" onSubmit={submit}>
        <label className="field span-2">
          <span>DNS servers</span>
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="e.g. 1.1.1.1, 192.168.1.1:53 (empty: this computer’s own)"
          />
        </label>
        <p className="hint span-2">
          Fairsend asks DNS whether a lead’s domain receives email and whether your domain’s SPF, DKIM and
          DMARC records are in place.{' '}
          {status
            ? `Now using ${FROM[status.from]}${status.servers.length ? ` (${status.servers.join(', ')})` : ''}.`
            : ''}
        </p>
        {problem ? (
          <p className="error span-2" role="alert">
            {problem}
          </p>
        ) : null}
        <div>
          <button type="submit">Save DNS servers</button>
        </div>
      </form>
    </section>
  );
}
