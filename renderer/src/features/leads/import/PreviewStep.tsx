import { useMemo } from 'react';
import type { ColumnMapping } from '../../../../../shared/leads/csv-mapping';
import type { ImportedLead } from '../../../../../shared/leads/csv-rows';
import { createRowReader, type RowProblem, rowShapeProblem } from '../../../../../shared/leads/csv-rows';

interface Props {
  headers: readonly string[];
  rows: readonly string[][];
  hasHeader: boolean;
  mapping: ColumnMapping;
  delimiter: string;
}

interface PreviewRow {
  row: number;
  lead: ImportedLead | null;
  problems: RowProblem[];
}

/** Step 3: the first rows exactly as they will be stored, with the sample's problems marked. */
export function PreviewStep({ headers, rows, hasHeader, mapping, delimiter }: Props) {
  const preview = useMemo(() => {
    const read = createRowReader({ mapping, headers });
    return rows.flatMap((cells, i): PreviewRow[] => {
      if (cells.every((v) => !v.trim())) return [];
      const row = i + (hasHeader ? 2 : 1);
      const shape = rowShapeProblem(cells, row, headers.length, delimiter);
      if (shape) return [{ row, lead: null, problems: [shape] }];
      const result = read(cells, row);
      return [
        result.ok
          ? { row, lead: result.leads[0] ?? null, problems: result.warnings }
          : { row, lead: null, problems: [result.problem] },
      ];
    });
  }, [headers, rows, hasHeader, mapping, delimiter]);

  const rejected = preview.filter((p) => !p.lead).length;
  return (
    <>
      <p className="muted">
        The first {preview.length} rows as they will be stored.
        {rejected > 0 && ` ${rejected} of them will not be imported; the reasons are shown in red.`}
      </p>
      <div className="import-scroll">
        <table className="import-table">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Company</th>
              <th scope="col">Title</th>
              <th scope="col">Time zone</th>
              <th scope="col">Tags</th>
              <th scope="col">Custom fields</th>
            </tr>
          </thead>
          <tbody>
            {preview.map(({ row, lead, problems }) => (
              <tr
                key={row}
                className={lead ? (problems.length ? 'import-warning' : undefined) : 'import-problem'}
              >
                <td>{row}</td>
                {lead ? (
                  <>
                    <td className="import-address">{lead.email}</td>
                    <td>{`${lead.firstName} ${lead.lastName}`.trim()}</td>
                    <td>{lead.company}</td>
                    <td>{lead.title}</td>
                    <td>{lead.timezone}</td>
                    <td>{lead.tags.join(', ')}</td>
                    <td className="import-sample">
                      {Object.entries(lead.custom)
                        .map(([k, v]) => `${k}: ${v}`)
                        .join(' · ')}
                      {problems.map((p) => (
                        <div key={p.code} className="error">
                          {p.message}
                        </div>
                      ))}
                    </td>
                  </>
                ) : (
                  <td colSpan={7} className="error">
                    {problems[0]?.message}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
