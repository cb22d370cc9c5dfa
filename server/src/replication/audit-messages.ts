import type { ChainProblem } from '../../../shared/audit/chain';

export type ChainRefusal =
  | { kind: 'delete'; seq: number }
  | { kind: 'server' }
  | { kind: 'id'; seq: number }
  | { kind: 'data-size'; seq: number }
  | { kind: 'other-device' }
  | { kind: 'rewrite'; seq: number }
  | { kind: 'chain'; problem: ChainProblem; headSeq: number };

/** What the desktop shows when the team server refuses its audit log (the event number is the chain's seq). */
export function chainMessage(refusal: ChainRefusal): string {
  switch (refusal.kind) {
    case 'delete':
      return `Audit event ${refusal.seq} was pushed as deleted: the audit log is append-only, nothing in it can be deleted.`;
    case 'server':
      return 'Only the team server writes its own audit events.';
    case 'id':
      return `Audit event ${refusal.seq} does not carry the id its device and number give it.`;
    case 'data-size':
      return `Audit event ${refusal.seq} carries more detail than the team server keeps for one event.`;
    case 'other-device':
      return "These audit events belong to another device's log: each device sends only its own.";
    case 'rewrite':
      return `Audit event ${refusal.seq} differs from the one the team server already holds: the audit log cannot be rewritten.`;
    case 'chain':
      return chainProblemMessage(refusal.problem, refusal.headSeq);
  }
}

function chainProblemMessage({ seq, problem }: ChainProblem, headSeq: number): string {
  switch (problem) {
    case 'gap':
      return `The audit log from this device does not continue where the team server's copy ends (event ${headSeq}): event ${seq} came next.`;
    case 'prev-hash':
      return `Audit event ${seq} does not link to the event before it: the log was changed after it was written.`;
    case 'hash':
      return `Audit event ${seq} does not match its own hash: it was changed after it was written.`;
    case 'device':
      return `Audit event ${seq} belongs to another device's log.`;
  }
}
