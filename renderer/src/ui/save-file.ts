/** The UTF-8 byte order mark: without it, Excel reads a CSV as the system's legacy code page ("MÃ¼ller"). */
const BOM = '\uFEFF';

/**
 * A CSV blob as spreadsheets need it: starting with the UTF-8 BOM. Every CSV the app saves goes through here,
 * so callers write plain text and never a BOM of their own; other files (JSON, logs) are left byte for byte.
 */
export function forSpreadsheets(blob: Blob): Blob {
  return /^text\/csv\b/i.test(blob.type) ? new Blob([BOM, blob], { type: blob.type }) : blob;
}

/**
 * Saves a file the app made, through an <a download>: Electron shows its save dialog for it, a browser its
 * download. The URL is revoked a minute later, once the download has surely started reading it.
 */
export function saveFile(blob: Blob, fileName: string): string {
  const url = URL.createObjectURL(forSpreadsheets(blob));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return fileName;
}
