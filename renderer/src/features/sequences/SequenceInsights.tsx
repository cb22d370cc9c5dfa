import { useEffect, useState } from 'react';
import type { SequenceDoc } from '../../db/schemas/outreach';
import { useServices } from '../../services/use-services';
import { ForecastPanel } from './ForecastPanel';
import { ReportPanel } from './ReportPanel';

type Tab = 'forecast' | 'report';

/**
 * A sequence's forecast and results, below its editor. Its own chunk (the planner): read when the rep opens
 * a tab. The forecast plans every live sequence with this one, since they share the mailboxes' caps.
 */
export function SequenceInsights({ sequence }: { sequence: SequenceDoc }) {
  const { sequences } = useServices();
  const [tab, setTab] = useState<Tab | null>(null);
  const [all, setAll] = useState<SequenceDoc[] | null>(null);
  useEffect(() => (tab === 'forecast' ? sequences.watchAll(setAll) : undefined), [sequences, tab]);
  const planned = [sequence, ...(all ?? []).filter((s) => s.id !== sequence.id && s.status === 'active')];
  return (
    <section className="sequence-insights">
      <div role="tablist" aria-label="Forecast and results" className="tabs">
        {(['forecast', 'report'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            onClick={() => setTab(tab === t ? null : t)}
          >
            {t === 'forecast' ? 'Forecast' : 'Results'}
          </button>
        ))}
      </div>
      {tab === 'forecast' && all ? (
        <>
          {sequence.status === 'draft' ? (
            <p className="muted">A draft: this is what would go out if you launched it now.</p>
          ) : null}
          <ForecastPanel sequences={planned} focus={[sequence.id]} />
        </>
      ) : null}
      {tab === 'report' ? <ReportPanel sequence={sequence} /> : null}
    </section>
  );
}
