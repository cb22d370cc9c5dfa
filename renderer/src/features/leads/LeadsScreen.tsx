import { EmptyState } from '../../app/EmptyState';

export function LeadsScreen() {
  return <EmptyState title="No leads yet">Import a CSV to get started.</EmptyState>;
}
