import { lazy } from 'react';

/**
 * The Leads screen's parts that no first frame draws: a lead's drawer (with Compose), the import wizard, the
 * New lead dialog and the bar for a selection. Their code is read after the screen's first rows (or when first
 * opened), so the code evaluated before the grid shows is the grid's own.
 */
const PARTS = {
  detail: () => import('./detail/LeadDetail'),
  importWizard: () => import('./import/ImportWizard'),
  newLead: () => import('./dialogs/NewLeadDialog'),
  bulkBar: () => import('./BulkBar'),
};

export const LeadDetail = lazy(() => PARTS.detail().then((m) => ({ default: m.LeadDetail })));
export const ImportWizard = lazy(() => PARTS.importWizard().then((m) => ({ default: m.ImportWizard })));
export const NewLeadDialog = lazy(() => PARTS.newLead().then((m) => ({ default: m.NewLeadDialog })));
export const BulkBar = lazy(() => PARTS.bulkBar().then((m) => ({ default: m.BulkBar })));

/** Starts reading every part's code (the browser keeps it for when lazy() asks); a failure shows when opened. */
export function preloadLeadParts(): void {
  for (const load of Object.values(PARTS)) load().catch(() => {});
}
