import { EmptyState } from '../ui/EmptyState';

// Areas that later work fills. Each has its heading like every other screen, says what it will hold and
// what to do meanwhile.

export function SequencesScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Sequences</h1>
      </header>
      <EmptyState title="No sequences yet">
        Sequences send a series of emails with business-day delays, each a reply in the same thread, and stop
        when a lead replies, bounces or opts out. Import leads first; sequences arrive in a coming release.
      </EmptyState>
    </div>
  );
}

export function TeamScreen() {
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Team</h1>
      </header>
      <EmptyState title="Not connected to a team server">
        A team server shares the suppression list and the audit log, so an opt-out reaches every rep in about
        a second.
      </EmptyState>
    </div>
  );
}
