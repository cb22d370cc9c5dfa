import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ReportDay } from './sequence-report';

/** Sends and replies per day as bars (uPlot, ~50 KB: read only when a report is opened). */
export function SendsChart({ days }: { days: readonly ReportDay[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || !days.length) return;
    const x = days.map((d) => Date.parse(`${d.date}T12:00:00Z`) / 1000);
    const bars = uPlot.paths.bars?.({ size: [0.4, 40] });
    const chart = new uPlot(
      {
        width: Math.max(320, el.clientWidth || 600),
        height: 200,
        scales: { x: { time: true } },
        series: [
          {},
          {
            label: 'Sent',
            stroke: '#3b6fd8',
            fill: 'rgba(59,111,216,0.35)',
            ...(bars ? { paths: bars } : {}),
          },
          {
            label: 'Replies',
            stroke: '#2a9d5b',
            fill: 'rgba(42,157,91,0.5)',
            ...(bars ? { paths: bars } : {}),
          },
        ],
        axes: [{}, { label: 'Emails' }],
      },
      [x, days.map((d) => d.sent), days.map((d) => d.replied)],
      el,
    );
    return () => chart.destroy();
  }, [days]);
  return <div ref={box} className="report-chart" role="img" aria-label="Sends and replies per day" />;
}
