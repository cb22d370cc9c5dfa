import { useCallback, useState } from 'react';
import { type ColumnId, type ColumnWidths, clampWidth, readWidths, writeWidths } from './columns';

/** The table's column widths, as the rep last left them in this profile. */
export function useColumnWidths(): {
  widths: ColumnWidths;
  /** a width while resizing; `save` writes it to the profile (at the end of a drag, or each key press) */
  setWidth: (id: ColumnId, width: number, save: boolean) => void;
} {
  const [widths, setWidths] = useState(() => readWidths(globalThis.localStorage));
  const setWidth = useCallback((id: ColumnId, width: number, save: boolean) => {
    setWidths((current) => {
      const next = { ...current, [id]: clampWidth(id, width) };
      if (save) writeWidths(globalThis.localStorage, next);
      return next;
    });
  }, []);
  return { widths, setWidth };
}
