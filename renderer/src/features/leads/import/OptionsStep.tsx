import { useId } from 'react';
import type { DuplicateMode } from '../../../db/leads-repo';

interface Props {
  duplicates: DuplicateMode;
  splitAddressLists: boolean;
  tags: string;
  source: string;
  onDuplicates: (mode: DuplicateMode) => void;
  onSplitAddressLists: (split: boolean) => void;
  onTags: (tags: string) => void;
  onSource: (source: string) => void;
}

/**
 * Step 4: what to do with leads that already exist, whether a cell listing several addresses becomes several
 * leads, tags for the whole import, the source label.
 */
export function OptionsStep({
  duplicates,
  splitAddressLists,
  tags,
  source,
  onDuplicates,
  onSplitAddressLists,
  onTags,
  onSource,
}: Props) {
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
      <label>
        <input
          type="checkbox"
          checked={splitAddressLists}
          onChange={(event) => onSplitAddressLists(event.target.checked)}
        />
        One lead per address when a cell lists several, separated by ";" or "," (otherwise such rows are not
        imported and are listed as problems)
      </label>
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
