import type { KeyboardEvent, PointerEvent } from 'react';
import { useRef } from 'react';
import { type ColumnId, LEAD_COLUMNS, MAX_COLUMN_WIDTH } from './columns';

interface ColumnResizerProps {
  id: ColumnId;
  label: string;
  width: number;
  onResize: (id: ColumnId, width: number, save: boolean) => void;
}

/** Keyboard steps in pixels: arrows, and Page Up/Down for bigger ones. */
const STEP = 10;
const BIG_STEP = 50;

/**
 * The handle on a column header's right edge: drag it, or focus it (Tab) and use the arrow keys, Page Up/Down,
 * Home (narrowest) and End (widest); a double click or Enter puts the default width back. A window splitter in
 * ARIA terms: a focusable separator with its value.
 */
export function ColumnResizer({ id, label, width, onResize }: ColumnResizerProps) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const column = LEAD_COLUMNS.find((c) => c.id === id);
  const min = column?.min ?? 60;

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width };
  }
  function onPointerMove(e: PointerEvent<HTMLDivElement>) {
    if (drag.current) onResize(id, drag.current.width + e.clientX - drag.current.x, false);
  }
  function onPointerUp(e: PointerEvent<HTMLDivElement>) {
    if (!drag.current) return;
    onResize(id, drag.current.width + e.clientX - drag.current.x, true);
    drag.current = null;
  }
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const next: Record<string, number> = {
      ArrowLeft: width - STEP,
      ArrowRight: width + STEP,
      PageDown: width - BIG_STEP,
      PageUp: width + BIG_STEP,
      Home: min,
      End: MAX_COLUMN_WIDTH,
      Enter: column?.width ?? width,
    };
    const to = next[e.key];
    if (to === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    onResize(id, to, true);
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a movable splitter is a focusable role=separator with a value (ARIA window splitter); <hr> can be neither.
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize the ${label} column`}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={MAX_COLUMN_WIDTH}
      tabIndex={0}
      className="col-resizer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => onResize(id, column?.width ?? width, true)}
      onKeyDown={onKeyDown}
      onClick={(e) => e.stopPropagation()}
    />
  );
}
