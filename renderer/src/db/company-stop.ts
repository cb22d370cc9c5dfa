import { companyScopeOf } from '../../../shared/sequences/company-stop';
import type { FairsendDatabase } from './database';
import { LIVE_STATUSES } from './enrollments-repo';
import type { LeadDoc } from './schemas/leads';
import type { EnrollmentDoc } from './schemas/outreach';

/** Colleagues read per side (company, domain): a company stop never scans the leads. */
export const COLLEAGUE_LIMIT = 2_000;
export const COMPANY_STOP_REASON = 'company-replied';

type LeadKeys = Pick<LeadDoc, 'id' | 'companyKey' | 'domainKey'>;

/**
 * The sequence setting "stop everyone at a company when someone there replies", over the indexes: colleagues
 * through ['companyKey', rank] and ['domainKey', rank] (shared/sequences/company-stop.ts says who counts),
 * their enrollments through `leadId`.
 */
export function createCompanyStop(db: FairsendDatabase) {
  async function colleagueIds(lead: LeadKeys): Promise<string[]> {
    const scope = companyScopeOf(lead);
    if (!scope) return [];
    const ids = new Set<string>();
    if (scope.companyKey)
      for (const d of await db.leads
        .find({
          selector: { companyKey: scope.companyKey },
          index: ['companyKey', 'rank'],
          limit: COLLEAGUE_LIMIT,
        })
        .exec())
        ids.add(d.id);
    if (scope.domainKey)
      for (const d of await db.leads
        .find({
          selector: { domainKey: scope.domainKey },
          index: ['domainKey', 'rank'],
          limit: COLLEAGUE_LIMIT,
        })
        .exec())
        ids.add(d.id);
    ids.delete(lead.id);
    return [...ids];
  }

  async function enrollmentsOf(leadIds: string[], sequenceId: string) {
    if (!leadIds.length) return [];
    const docs = await db.enrollments
      .find({ selector: { leadId: { $in: leadIds } }, index: ['leadId'] })
      .exec();
    return docs.filter((d) => d.sequenceId === sequenceId);
  }

  return {
    /**
     * A colleague replied to this sequence (their enrollment in it stopped as `replied`): the pre-send check.
     * Only sequences with the company stop on should ask.
     */
    async replied(lead: LeadKeys, sequenceId: string): Promise<boolean> {
      const docs = await enrollmentsOf(await colleagueIds(lead), sequenceId);
      return docs.some((d) => d.status === 'stopped' && d.stopReason === 'replied');
    },

    /** Stops the sequence's live enrollments of the lead's colleagues; returns how many it stopped. */
    async stopColleagues(lead: LeadKeys, sequenceId: string, at = Date.now()): Promise<number> {
      const live = (await enrollmentsOf(await colleagueIds(lead), sequenceId)).filter((d) =>
        (LIVE_STATUSES as readonly EnrollmentDoc['status'][]).includes(d.status),
      );
      for (const doc of live)
        await doc.incrementalPatch({
          status: 'stopped',
          stopReason: COMPANY_STOP_REASON,
          waitReason: '',
          updatedAt: at,
        });
      return live.length;
    },
  };
}

export type CompanyStop = ReturnType<typeof createCompanyStop>;
