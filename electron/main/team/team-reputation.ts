import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { judgeDomainSpam, withDomainSpam } from '../../../shared/compliance/domain-reputation';
import {
  domainOfAddress,
  POSTMASTER_DOC_ID,
  type PostmasterValue,
  postmasterValueSchema,
} from '../../../shared/team/postmaster';
import { type TeamWireDoc, teamDocSchema } from '../../../shared/team/replication';
import type { MailboxHealth } from '../send/mailbox-health';

/**
 * The team's Postmaster Tools figures (the `team` collection's `postmaster` document, pushed by an admin's desktop)
 * as main keeps them: read as team pulls and live batches pass through main (as team-limits.ts reads `settings`),
 * kept on disk so they hold offline and across restarts, forgotten when the desktop leaves the team. The gate and
 * the Mailboxes screen read them through `withDomainReputation`.
 */
export interface TeamReputation {
  /** the figures, while this desktop is in a team */
  value(): PostmasterValue | null;
  /** the document as the server holds it (a push's assumed master state) */
  document(): TeamWireDoc | null;
}

export interface TeamReputationStore extends TeamReputation {
  observe(documents: readonly Record<string, unknown>[]): Promise<void>;
  clear(): Promise<void>;
}

function readDoc(file: string): TeamWireDoc | null {
  try {
    const doc = teamDocSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return doc.success && postmasterValueSchema.safeParse(doc.data.value).success ? doc.data : null;
  } catch {
    return null; // none yet, or a damaged file: no domain figures, the mailbox's own breaker alone
  }
}

export function openTeamReputation(file: string, inTeam: () => boolean = () => true): TeamReputationStore {
  let doc = readDoc(file);
  let tail: Promise<unknown> = Promise.resolve();

  function save(next: TeamWireDoc | null): Promise<void> {
    doc = next;
    const write = tail.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, JSON.stringify(next), { mode: 0o600 });
      await rename(`${file}.tmp`, file);
    });
    tail = write.catch(() => {});
    return write;
  }

  return {
    value() {
      if (!inTeam() || !doc || doc._deleted) return null;
      const parsed = postmasterValueSchema.safeParse(doc.value);
      return parsed.success ? parsed.data : null;
    },
    document: () => (inTeam() ? doc : null),
    async observe(documents) {
      const found = documents.findLast((d) => d.id === POSTMASTER_DOC_ID);
      if (!found) return;
      const parsed = teamDocSchema.safeParse(found);
      // a document this version cannot read changes nothing: the last good one stays
      if (!parsed.success) return;
      if (!parsed.data._deleted && !postmasterValueSchema.safeParse(parsed.data.value).success) return;
      await save(parsed.data);
    },
    clear: () => save(null),
  };
}

/**
 * Mailbox health whose breaker also judges the mailbox's sending domain by the team's Postmaster figures, with the
 * same (team-tightened) complaint limits; it only adds: a domain's figure never lifts the mailbox's own verdict.
 */
export function withDomainReputation(
  health: MailboxHealth,
  reputation: TeamReputation,
  addressOf: (mailboxId: string) => string | undefined,
): MailboxHealth {
  return {
    ...health,
    breaker(mailboxId, now, thresholds) {
      const own = health.breaker(mailboxId, now, thresholds);
      const figures = reputation.value();
      const address = figures ? addressOf(mailboxId) : undefined;
      if (!figures || !address) return own;
      const domain = domainOfAddress(address);
      const verdict = judgeDomainSpam(
        figures.domains.find((d) => d.domain === domain),
        { now, resumedAt: health.lastResumed(mailboxId), ...(thresholds ? { thresholds } : {}) },
      );
      return withDomainSpam(own, verdict);
    },
  };
}
