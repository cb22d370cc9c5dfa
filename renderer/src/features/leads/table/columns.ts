/**
 * The leads table's columns: label, default and smallest width. The defaults fit a 1,400-pixel window with the
 * navigation (about 1,140 pixels of table); narrower, the table scrolls sideways with its header. The last
 * column takes any room left over. A rep's widths are kept in this browser profile.
 */
export const LEAD_COLUMNS = [
  { id: 'name', label: 'Name', width: 170, min: 90 },
  { id: 'email', label: 'Email', width: 220, min: 120 },
  { id: 'company', label: 'Company', width: 150, min: 80 },
  { id: 'title', label: 'Title', width: 140, min: 70 },
  { id: 'status', label: 'Status', width: 100, min: 90 },
  { id: 'tags', label: 'Tags', width: 100, min: 60 },
  { id: 'source', label: 'Source', width: 100, min: 70 },
  { id: 'created', label: 'Created', width: 120, min: 120 },
] as const;

export type ColumnId = (typeof LEAD_COLUMNS)[number]['id'];
export type ColumnWidths = Record<ColumnId, number>;

/** The selection checkbox column. */
export const CHECK_WIDTH = 36;
export const MAX_COLUMN_WIDTH = 800;
const STORAGE_KEY = 'fairsend.leads.columnWidths';

export const DEFAULT_WIDTHS = Object.fromEntries(LEAD_COLUMNS.map((c) => [c.id, c.width])) as ColumnWidths;

export function clampWidth(id: ColumnId, width: number): number {
  const min = LEAD_COLUMNS.find((c) => c.id === id)?.min ?? 60;
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(min, width)));
}

/** `grid-template-columns` for every row: fixed widths, the last one free to grow into spare room. */
export function gridTemplate(widths: ColumnWidths): string {
  const cells = LEAD_COLUMNS.map((c, i) =>
    i === LEAD_COLUMNS.length - 1 ? `minmax(${widths[c.id]}px, 1fr)` : `${widths[c.id]}px`,
  );
  return [`${CHECK_WIDTH}px`, ...cells].join(' ');
}

export function tableWidth(widths: ColumnWidths): number {
  return LEAD_COLUMNS.reduce((sum, c) => sum + widths[c.id], CHECK_WIDTH);
}

/** Saved widths, each checked; anything unreadable falls back to the defaults. */
export function readWidths(storage: Pick<Storage, 'getItem'> | undefined): ColumnWidths {
  const widths = { ...DEFAULT_WIDTHS };
  try {
    const saved: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}');
    if (typeof saved !== 'object' || saved === null) return widths;
    for (const c of LEAD_COLUMNS) {
      const value = (saved as Record<string, unknown>)[c.id];
      if (typeof value === 'number' && Number.isFinite(value)) widths[c.id] = clampWidth(c.id, value);
    }
  } catch {
    // a damaged value: the defaults
  }
  return widths;
}

export function writeWidths(storage: Pick<Storage, 'setItem'> | undefined, widths: ColumnWidths): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(widths));
  } catch {
    // storage full or denied: the widths last for this window only
  }
}
