import { useEffect, useState } from 'react';
import type { MailboxInfo } from '../../../../shared/ipc/mailboxes';
import type { Forecast } from '../../../../shared/sequences/forecast';
import { call } from '../../bridge/client';
import type { FairsendDatabase } from '../../db/database';
import type { LeadsRepo } from '../../db/leads-repo';
import type { EnrollmentDoc, SequenceDoc } from '../../db/schemas/outreach';
import { engineDayStore } from '../../engine/engine-day';
import { engineDayFor } from '../../engine/plan-input';
import { useServices } from '../../services/use-services';
import { bridgeProblem } from '../../ui/bridge-problem';
import { forecastInputOf } from './forecast-input';
import { runForecast } from './run-forecast';

export type ForecastState =
  | { state: 'working' }
  | { state: 'ready'; forecast: Forecast; mailboxes: MailboxInfo[] }
  | { state: 'problem'; text: string; details: string };

/** A sequence's active enrollments through `[sequenceId, status]`, never a scan. */
async function activeOf(db: FairsendDatabase, sequenceId: string): Promise<EnrollmentDoc[]> {
  const docs = await db.enrollments
    .find({ selector: { sequenceId, status: 'active' }, index: ['sequenceId', 'status'] })
    .exec();
  return docs.map((d) => d.toMutableJSON());
}

async function computeForecast(
  db: FairsendDatabase,
  leads: LeadsRepo,
  sequences: readonly SequenceDoc[],
): Promise<ForecastState> {
  const [list, health] = await Promise.all([call('mailboxes.list', {}), call('mailboxes.health', {})]);
  if (!list.ok) return { state: 'problem', ...bridgeProblem(list.error) };
  const enrollments = (await Promise.all(sequences.map((s) => activeOf(db, s.id)))).flat();
  const now = Date.now();
  const repTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // what the engine sent today counts against each sequence's daily limit, as when the engine plans
  const engineDay = engineDayFor(await engineDayStore(db).load(), now, repTimeZone);
  const found = await leads.getMany([...new Set(enrollments.map((e) => e.leadId))]);
  // in a worker: the planner's run takes ~200 ms for 10,000 leads
  const forecast = await runForecast(
    forecastInputOf({
      now,
      sequences,
      enrollments,
      leadZones: new Map(found.map((l) => [l.id, l.timezone])),
      mailboxes: list.value,
      health: health.ok ? health.value : [],
      engineDay,
      repTimeZone,
    }),
  );
  return { state: 'ready', forecast, mailboxes: list.value };
}

/** The 14-day forecast of these sequences, worked out again when `version` changes (the rep asks). */
export function useForecast(sequences: readonly SequenceDoc[], version: number): ForecastState {
  const { db, leads } = useServices();
  const [state, setState] = useState<ForecastState>({ state: 'working' });
  const key = sequences.map((s) => `${s.id}@${s.updatedAt}`).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the sequences' content
  useEffect(() => {
    let live = true;
    setState({ state: 'working' });
    computeForecast(db, leads, sequences).then(
      (next) => live && setState(next),
      (error: unknown) =>
        live &&
        setState({
          state: 'problem',
          text: 'The forecast could not be worked out.',
          details: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      live = false;
    };
  }, [db, leads, key, version]);
  return state;
}
