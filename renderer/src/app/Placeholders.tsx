import { EmptyState } from '../ui/EmptyState';

// Areas that later work fills. Each has its heading like every other screen, says what it will hold and
// what to do meanwhile.

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
