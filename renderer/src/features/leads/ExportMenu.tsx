import { useEffect, useRef, useState } from 'react';
import type { LeadDoc } from '../../db/schemas/leads';
import { useApp } from '../../store';
import { buildExport, downloadBlob, type ExportFormat } from './export-file';

/** "Export" with a CSV / JSON choice; builds the file in chunks and saves it through a download. */
export function ExportMenu({
  label,
  count,
  rows,
}: {
  label: string;
  count: number;
  rows: () => AsyncIterable<LeadDoc[]>;
}) {
  const notify = useApp((s) => s.notify);
  const [open, setOpen] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  async function run(format: ExportFormat) {
    setOpen(false);
    setProgress(0);
    try {
      const { blob, count: written } = await buildExport(rows(), format, setProgress);
      const name = downloadBlob(blob, format);
      notify('success', `Exported ${written.toLocaleString()} leads to ${name}.`);
    } catch (error) {
      notify('error', `Export failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setProgress(null);
    }
  }

  const busy = progress !== null;
  return (
    <div className="menu-anchor" ref={root}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={busy || !count}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      >
        {busy ? `Exporting… ${progress.toLocaleString()} / ${count.toLocaleString()}` : label}
      </button>
      {open ? (
        <div className="menu" role="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <button type="button" role="menuitem" onClick={() => void run('csv')}>
            CSV (spreadsheets, other CRMs)
          </button>
          <button type="button" role="menuitem" onClick={() => void run('json')}>
            JSON
          </button>
        </div>
      ) : null}
    </div>
  );
}
