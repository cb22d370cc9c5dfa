import { type DragEvent, useId, useState } from 'react';

interface Props {
  file: File | null;
  busy: boolean;
  error: string;
  onFile: (file: File) => void;
}

const formatSize = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Step 1: a file input and a drop zone around it. */
export function PickFileStep({ file, busy, error, onFile }: Props) {
  const inputId = useId();
  const [over, setOver] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse shortcut; the file input inside is the keyboard path.
    <div
      className={`import-drop${over ? ' over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={inputId} className="field">
        <span>Choose a CSV file</span>
      </label>
      <input
        id={inputId}
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          if (chosen) onFile(chosen);
        }}
      />
      <p className="muted">
        …or drop it here. Exports from Apollo, Outreach, HubSpot, Excel ("CSV UTF-8") and Google Sheets work;
        the file needs a column of email addresses. Up to 200 MB.
      </p>
      {busy && <p aria-live="polite">Reading the file…</p>}
      {file && !busy && !error && (
        <p aria-live="polite">
          <strong>{file.name}</strong> <span className="muted">({formatSize(file.size)})</span>
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
