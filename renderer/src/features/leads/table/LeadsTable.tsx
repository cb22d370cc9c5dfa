import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { LeadList } from '../../../db/lead-list';
import { useApp } from '../../../store';
import { ColumnResizer } from './ColumnResizer';
import { gridTemplate, LEAD_COLUMNS, tableWidth } from './columns';
import { LeadRow, rowDomId } from './LeadRow';
import './leads-table.css';
import { useColumnWidths } from './use-column-widths';
import { useHiddenSides } from './use-hidden-sides';
import { useRowLoader } from './use-row-loader';
import { useSelection } from './use-selection';

/** Rows rendered beyond each edge: enough for a wheel's step, few enough that a page step renders quickly. */
const OVERSCAN = 8;
/**
 * Rows are keyed by slot (index modulo the most rows the view can hold), not by index: the rendered rows are
 * consecutive, so they use every slot at most once, and a scroll of any length hands each row scrolled out to
 * one scrolled in. A page step then updates the cells' text instead of removing ~40 rows and building ~40 anew
 * (the DOM's rows move, but none is created). Only a change of the view's height renumbers the slots.
 */
function rowSlots(viewHeight: number, rowH: number, rendered: number): number {
  return Math.max(rendered, Math.ceil(viewHeight / rowH) + 1 + 2 * OVERSCAN);
}

type FrameStyle = CSSProperties & Record<'--bar-right' | '--bar-bottom', string>;

/** The row height the stylesheet sets (--row-h), so CSS and the virtualizer agree. */
function rowHeight(): number {
  const value = Number.parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--row-h'));
  return Number.isFinite(value) && value > 0 ? value : 40;
}

/**
 * The leads grid: only the visible rows (plus overscan) exist in the DOM, whatever the total.
 * Keyboard: Up/Down/PageUp/PageDown/Home/End move, Space selects (Shift+Space a range), Enter opens.
 */
export function LeadsTable({ list, stale = false }: { list: LeadList; stale?: boolean }) {
  const openLead = useApp((s) => s.openLead);
  const scroller = useRef<HTMLDivElement>(null);
  const [rowH] = useState(rowHeight);
  const [active, setActive] = useState(0);

  const virtualizer = useVirtualizer({
    count: list.total,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowH,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const slots = rowSlots(virtualizer.scrollRect?.height ?? 0, rowH, items.length);
  const start = items[0]?.index ?? 0;
  const end = (items.at(-1)?.index ?? -1) + 1;
  const { shown } = useRowLoader(list, start, end);
  const { selected, toggle, extend, toggleAll, allSelected } = useSelection(list);
  const { widths, setWidth } = useColumnWidths();
  const hidden = useHiddenSides(scroller);
  const frameStyle: FrameStyle = {
    '--bar-right': `${hidden.barRight}px`,
    '--bar-bottom': `${hidden.barBottom}px`,
  };
  // Every row reads its columns from this variable: a resize restyles the rows without rendering them.
  const tableStyle: CSSProperties & Record<'--lead-columns', string> = {
    '--lead-columns': gridTemplate(widths),
    minWidth: tableWidth(widths),
  };

  useEffect(() => {
    if (active >= list.total) setActive(Math.max(0, list.total - 1));
  }, [list.total, active]);

  const onCheck = useCallback(
    (index: number, id: string, shift: boolean) => {
      setActive(index);
      if (shift) void extend(index);
      else toggle(index, id);
    },
    [toggle, extend],
  );

  const onOpen = useCallback(
    (index: number, id: string) => {
      setActive(index);
      openLead(id);
    },
    [openLead],
  );

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(list.total - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.target !== e.currentTarget || !list.total) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? rowH * 10) / rowH) - 1);
    const lead = shown.peek(active) ?? list.peek(active);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: list.total - 1,
    };
    const target = moves[e.key];
    if (target !== undefined) {
      moveTo(target);
    } else if (e.key === ' ' && lead) {
      onCheck(active, lead.id, e.shiftKey);
    } else if (e.key === 'Enter' && lead) {
      openLead(lead.id);
    } else if (e.key === 'a' && (e.ctrlKey || e.metaKey)) {
      void toggleAll();
    } else {
      return;
    }
    e.preventDefault();
  }

  const activeRendered = items.some((i) => i.index === active) && shown.peek(active);
  const someSelected = selected.size > 0 && !allSelected;

  return (
    <div
      className="lead-grid-frame"
      data-hidden-left={hidden.left || undefined}
      data-hidden-right={hidden.right || undefined}
      style={frameStyle}
    >
      <div ref={scroller} className="lead-grid">
        <table
          className="lead-table"
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows role=grid on a table: one widget, moved through with the arrow keys.
          role="grid"
          aria-label="Leads"
          aria-rowcount={list.total + 1}
          aria-colcount={LEAD_COLUMNS.length + 1}
          aria-multiselectable="true"
          // an older answer stays on screen (no flash) while the newer one is read: busy until it is in
          aria-busy={stale || shown !== list || undefined}
          aria-activedescendant={activeRendered ? rowDomId(active) : undefined}
          tabIndex={0}
          onKeyDown={onKeyDown}
          style={tableStyle}
        >
          <thead>
            <tr aria-rowindex={1} className="lead-row lead-head">
              <th scope="col" className="lead-cell lead-check">
                <input
                  type="checkbox"
                  tabIndex={-1}
                  aria-label={
                    allSelected
                      ? 'Clear the selection'
                      : `Select all ${list.total.toLocaleString()} matching leads`
                  }
                  checked={allSelected}
                  ref={(box) => {
                    if (box) box.indeterminate = someSelected;
                  }}
                  onChange={() => void toggleAll()}
                  disabled={!list.total}
                />
              </th>
              {LEAD_COLUMNS.map((c) => (
                // named by its label alone: the resize handle inside has a name of its own
                <th key={c.id} scope="col" className="lead-cell" aria-labelledby={`lead-col-${c.id}`}>
                  <span id={`lead-col-${c.id}`} className="lead-head-label">
                    {c.label}
                  </span>
                  <ColumnResizer id={c.id} label={c.label} width={widths[c.id]} onResize={setWidth} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="lead-body" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const lead = shown.peek(item.index) ?? list.peek(item.index);
              return (
                <LeadRow
                  key={item.index % slots}
                  index={item.index}
                  lead={lead}
                  top={item.start}
                  selected={lead ? selected.has(lead.id) : false}
                  active={item.index === active}
                  onCheck={onCheck}
                  onOpen={onOpen}
                />
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
