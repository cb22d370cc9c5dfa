import { useId } from 'react';
import type { DuplicateMode } from '../../../db/leads-repo';

interface Props {
  duplicates: DuplicateMode;
  tags: string;
  source: string;
  onDuplicates: (mode: DuplicateMode) => void;
  onTags: (tags: string) => void;
  onSource: (source: string) => void;
}

/** Step 4: what to do with leads that already exist, tags for the whole import, the source label. */
export function OptionsStep({ duplicates, tags, source, onDuplicates, onTags, onSource }: Props) {
  const tagsId = useId();
  const sourceId = useId();
  return (
    <>
      <fieldset>
        <legend>When a lead with the same address already exists</legend>
        <div className="segmented">
          <label>
            <input
              type="radio"
              name="duplicates"
              checked={duplicates === 'skip'}
              onChange={() => onDuplicates('skip')}
            />
            Skip leads that already exist
          </label>
          <label>
            <input
              type="radio"
              name="duplicates"
              checked={duplicates === 'merge'}
              onChange={() => onDuplicates('merge')}
            />
            Update existing leads with new values
          </label>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={tagsId}>Tags for every imported lead (optional, separated by commas)</label>
        <input
          id={tagsId}
          value={tags}
          onChange={(event) => onTags(event.target.value)}
          placeholder="webinar 2026, q3"
        />
      </div>
      <div className="field">
        <label htmlFor={sourceId}>Source</label>
        <input
          id={sourceId}
          value={source}
          maxLength={128}
          onChange={(event) => onSource(event.target.value)}
        />
      </div>
    </>
  );
}
