import {
  collectCustomKeys,
  type ExportRow,
  exportFileName,
  jsonChunk,
  leadsToCsv,
} from '../../../../shared/leads/export';
import type { LeadDoc } from '../../db/schemas/leads';
import { saveFile } from '../../ui/save-file';

export type ExportFormat = 'csv' | 'json';

/** ~2,000 leads per piece: each piece is one short task, and the UI stays responsive between them. */
export const EXPORT_CHUNK = 2000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Builds the file from rows read a chunk at a time. CSV needs every custom key for its header, so the rows
 * are read first (the reads are asynchronous already) and then written chunk by chunk, yielding in between.
 */
export async function buildExport(
  chunks: AsyncIterable<LeadDoc[]>,
  format: ExportFormat,
  onProgress?: (done: number) => void,
): Promise<{ blob: Blob; count: number }> {
  const rows: ExportRow[][] = [];
  const keys = new Set<string>();
  let read = 0;
  for await (const chunk of chunks) {
    rows.push(chunk);
    collectCustomKeys(chunk, keys);
    read += chunk.length;
    onProgress?.(read);
  }
  const parts: string[] = [];
  if (format === 'json') parts.push('[');
  const customKeys = [...keys];
  for (const [i, chunk] of rows.entries()) {
    await yieldToEventLoop();
    parts.push(
      format === 'csv' ? leadsToCsv(chunk, { customKeys, header: i === 0 }) : jsonChunk(chunk, i === 0),
    );
  }
  if (format === 'csv' && !rows.length) parts.push(leadsToCsv([], { customKeys }));
  if (format === 'json') parts.push('\n]\n');
  const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json';
  return { blob: new Blob(parts, { type }), count: read };
}

/** Saves the export under its dated name (Electron shows its save dialog, a browser its download). */
export function downloadBlob(blob: Blob, format: ExportFormat, now = new Date()): string {
  return saveFile(blob, exportFileName(format, now));
}

/** Rows of a selection, in selection order, a chunk at a time. */
export async function* chunksOfIds(
  ids: readonly string[],
  getMany: (ids: readonly string[]) => Promise<LeadDoc[]>,
  size = EXPORT_CHUNK,
): AsyncGenerator<LeadDoc[]> {
  for (let i = 0; i < ids.length; i += size) yield await getMany(ids.slice(i, i + size));
}
