import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type BreakerThresholds,
  DEFAULT_THRESHOLDS,
  tightenThresholds,
} from '../../../shared/compliance/breakers';
import type { TeamEvents } from '../../../shared/ipc/team';
import { TEAM_SETTINGS_ID, type TeamSettings, teamSettingsSchema } from '../../../shared/team/replication';
import type { MailboxHealth } from '../send/mailbox-health';

/**
 * The team's caps and breaker thresholds, as its admins set them on the team server: the most one mailbox
 * may send a day, and stricter breakers. Main reads them from the `team` collection's `settings` document as
 * it passes through (pulls and live streams go through main), keeps the last one on disk so it holds
 * offline and across restarts, and forgets it when the desktop leaves. Only stricter values apply
 * (tightenThresholds): a team cannot loosen a desktop's protections.
 */
export interface TeamLimits {
  /** the team's daily cap per mailbox, if it set one */
  teamCap(): number | undefined;
  thresholds(): BreakerThresholds;
}

export interface TeamLimitsStore extends TeamLimits {
  /** documents of the `team` collection as they arrive; the `settings` one (or its removal) is taken */
  observe(documents: readonly Record<string, unknown>[]): Promise<void>;
  clear(): Promise<void>;
}

function readSettings(file: string): TeamSettings | null {
  try {
    const parsed = teamSettingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // none yet, or a damaged file: the desktop's defaults, which are never looser
  }
}

/** `inTeam`: the limits apply only while this desktop is in a team (a removal by the server ends them too). */
export function openTeamLimits(file: string, inTeam: () => boolean = () => true): TeamLimitsStore {
  let settings = readSettings(file);
  const current = () => (inTeam() ? settings : null);
  let tail: Promise<unknown> = Promise.resolve();

  function save(next: TeamSettings | null): Promise<void> {
    settings = next;
    const write = tail.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, JSON.stringify(next), { mode: 0o600 });
      await rename(`${file}.tmp`, file);
    });
    tail = write.catch(() => {}); // a failed write keeps the limits in memory until the next change
    return write;
  }

  return {
    teamCap: () => current()?.caps.mailboxDailyMax,
    thresholds: () => {
      const team = current();
      return team ? tightenThresholds(DEFAULT_THRESHOLDS, team.breakers).thresholds : DEFAULT_THRESHOLDS;
    },
    async observe(documents) {
      const doc = documents.findLast((d) => d.id === TEAM_SETTINGS_ID);
      if (!doc) return;
      if (doc._deleted === true) return save(null);
      const parsed = teamSettingsSchema.safeParse(doc.value);
      // a settings document this version cannot read changes nothing: the last good one stays
      if (parsed.success) await save(parsed.data);
    },
    clear: () => save(null),
  };
}

/** The mailbox health that main's gate and the Mailboxes screen read, judging breakers by the team's thresholds. */
export function withTeamThresholds(health: MailboxHealth, limits: TeamLimits): MailboxHealth {
  return {
    ...health,
    breaker: (mailboxId, now, thresholds) =>
      health.breaker(mailboxId, now, thresholds ?? limits.thresholds()),
  };
}

interface TeamSyncCalls {
  pull(...args: never[]): Promise<{ documents: Record<string, unknown>[] }>;
  events(after: number, waitMs: number): Promise<TeamEvents>;
  join(...args: never[]): Promise<unknown>;
  leave(): Promise<unknown>;
}

/**
 * The team service with its `team` documents read on their way to the window (pulls and the live stream);
 * joining or leaving starts from the desktop's own limits until the (new) team's settings arrive.
 */
export function observingTeamSettings<S extends TeamSyncCalls>(
  service: S,
  limits: Pick<TeamLimitsStore, 'observe' | 'clear'>,
): S {
  return {
    ...service,
    async pull(...args: Parameters<S['pull']>) {
      const answer = await service.pull(...(args as never[]));
      if (args[0] === 'team') await limits.observe(answer.documents);
      return answer;
    },
    async join(...args: Parameters<S['join']>) {
      await limits.clear();
      return service.join(...(args as never[]));
    },
    async leave() {
      const answer = await service.leave();
      await limits.clear();
      return answer;
    },
    async events(after: number, waitMs: number) {
      const answer = await service.events(after, waitMs);
      for (const e of answer.events)
        if (e.collection === 'team' && e.event !== 'RESYNC') await limits.observe(e.event.documents);
      return answer;
    },
  };
}
