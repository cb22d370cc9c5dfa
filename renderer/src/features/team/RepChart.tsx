import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DayMetric } from '../../../../shared/team/stats';
import { METRIC_WORDS, type RepRow } from '../../../../shared/team/stats-view';

const COLOURS = ['#3b6fd8', '#2a9d5b', '#d8853b', '#9b4fd8', '#d83b6f', '#3bb3d8', '#7a8a1f', '#8a5a3b'];

/** One metric per rep per day as lines (uPlot, read only when the Team screen is opened). */
export function RepChart({
  days,
  reps,
  metric,
}: {
  days: readonly string[];
  reps: readonly RepRow[];
  metric: DayMetric;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || !days.length || !reps.length) return;
    const x = days.map((d) => Date.parse(`${d}T12:00:00Z`) / 1000);
    const chart = new uPlot(
      {
        width: Math.max(320, el.clientWidth || 640),
        height: 240,
        scales: { x: { time: true } },
        series: [
          {},
          ...reps.map((r, i) => ({
            label: r.name,
            stroke: COLOURS[i % COLOURS.length] ?? '#3b6fd8',
            width: 2,
          })),
        ],
        axes: [{}, { label: METRIC_WORDS[metric] }],
      },
      [x, ...reps.map((r) => r.perDay[metric])],
      el,
    );
    return () => chart.destroy();
  }, [days, reps, metric]);
  return (
    <div
      ref={box}
      className="report-chart"
      role="img"
      aria-label={`${METRIC_WORDS[metric]} per rep per day`}
    />
  );
}
