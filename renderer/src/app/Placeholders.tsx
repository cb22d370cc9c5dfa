import { EmptyState } from '../ui/EmptyState';

// Areas that later work fills. Each says what it will hold and what to do meanwhile.

export function SequencesScreen() {
  return (
    <EmptyState title="No sequences yet">
      Sequences send a series of emails with business-day delays, each a reply in the same thread, and stop
      when a lead replies, bounces or opts out. Import leads first; sequences arrive in a coming release.
    </EmptyState>
  );
}

export function TeamScreen() {
  return (
    <EmptyState title="Not connected to a team server">
      A team server shares the suppression list and the audit log, so an opt-out reaches every rep in about a
      second.
    </EmptyState>
  );
}
