import { domainKeyOf, searchKey } from '../../../shared/leads/lead';

/**
 * Schema migrations, one function per collection and version: `strategies[n]` turns a version n-1 document
 * into version n. Each has a test that migrates a stored document of the previous version (migrations.test.ts).
 */

/** suppression v0 → v1: the plaintext value is stored lower-case, so prefix search over its index finds it. */
export function suppressionV1(doc: { value: string }) {
  return { ...doc, value: doc.value.toLowerCase() };
}

/** messages v0 → v1: reasons were bare codes; now they carry a message and a fix (unknown for old ones). */
export function messagesV1(doc: { reasons: string[] }) {
  return { ...doc, reasons: doc.reasons.map((code) => ({ code, message: '' })) };
}

/** messages v1 → v2: a new index and an optional draft; stored messages are unchanged (none was scheduled). */
export function messagesV2<D>(doc: D): D {
  return doc;
}

/**
 * messages v2 → v3: `stepId` and `variant` are new and optional; a record from before names its step by the
 * index it had (sequence-report.ts falls back to it).
 */
export function messagesV3<D>(doc: D): D {
  return doc;
}

/** leads v0 → v1: the last-name and domain search keys, derived as lead-docs.ts `withDerived` derives them. */
export function leadsV1(doc: { id: string; lastName: string }) {
  return { ...doc, lastNameKey: searchKey(doc.lastName), domainKey: domainKeyOf(doc.id) };
}

/** leads v1 → v2: the suppression flag, cleared; lead-suppression.ts checks every lead once after it. */
export function leadsV2(doc: object) {
  return { ...doc, suppressed: 0, suppressedBy: '' };
}

/** sequences v0 → v1: steps gain a plain-text part and no variants; Mon–Fri 09:00–17:00, no holidays. */
export function sequencesV1(doc: { steps: object[] }) {
  return {
    ...doc,
    steps: doc.steps.map((step) => ({ ...step, text: '', variants: [] })),
    schedule: { sendDays: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60, holidaysCountry: '' },
    dailyLimit: 0,
    stopCompanyOnReply: false,
  };
}

/** enrollments v0 → v1: enrolled when last changed (the best known), no variant recorded, no wait reason. */
export function enrollmentsV1(doc: { updatedAt: number }) {
  return { ...doc, enrolledAt: doc.updatedAt, variants: [], waitReason: '' };
}

/** enrollments v1 → v2: no edit has moved it, so its send key number is its step. */
export function enrollmentsV2(doc: object) {
  return { ...doc, keyShift: 0 };
}
