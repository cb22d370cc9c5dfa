import { CHOICE_LABELS, type ColumnChoice } from '../../../../../shared/leads/csv-mapping';

const OPTIONS: ColumnChoice[] = [
  'email',
  'firstName',
  'lastName',
  'company',
  'title',
  'timezone',
  'tags',
  'custom',
  'skip',
];

interface Props {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  choices: readonly ColumnChoice[];
  hasHeader: boolean;
  error: string | null;
  onChoice: (column: number, choice: ColumnChoice) => void;
  onHasHeader: (hasHeader: boolean) => void;
}

const sampleOf = (rows: Props['rows'], column: number) =>
  rows
    .map((row) => row[column]?.trim() ?? '')
    .filter(Boolean)
    .slice(0, 3)
    .join(' · ');

/** Step 2: what each column becomes. */
export function MapColumnsStep({ headers, rows, choices, hasHeader, error, onChoice, onHasHeader }: Props) {
  return (
    <>
      <label>
        <input type="checkbox" checked={hasHeader} onChange={(event) => onHasHeader(event.target.checked)} />
        The first row holds column names
      </label>
      <div className="import-scroll">
        <table className="import-table">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Sample values</th>
              <th scope="col">Import as</th>
            </tr>
          </thead>
          <tbody>
            {headers.map((header, column) => {
              const name = header || `Column ${column + 1}`;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions; the list never reorders.
                <tr key={column}>
                  <th scope="row">{name}</th>
                  <td className="muted import-sample">{sampleOf(rows, column) || '(empty)'}</td>
                  <td>
                    <select
                      aria-label={`Import "${name}" as`}
                      value={choices[column] ?? 'skip'}
                      onChange={(event) => onChoice(column, event.target.value as ColumnChoice)}
                    >
                      {OPTIONS.map((option) => (
                        <option key={option} value={option}>
                          {CHOICE_LABELS[option]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
