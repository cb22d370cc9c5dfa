/**
 * Saves a file the app made, through an <a download>: Electron shows its save dialog for it, a browser its
 * download. The URL is revoked a minute later, once the download has surely started reading it.
 */
export function saveFile(blob: Blob, fileName: string): string {
  const url = URL.createObjectURL(blob);
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
