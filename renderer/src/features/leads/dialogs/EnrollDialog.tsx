import { useEffect, useState } from 'react';
import { call } from '../../../bridge/client';
import type { EnrollReport } from '../../../db/enrollments-repo';
import type { LeadList } from '../../../db/lead-list';
import type { SequenceDoc } from '../../../db/schemas/outreach';
import { senderFields } from '../../../engine/sender-fields';
import { SKIP_REASONS, SKIP_WORDS } from '../../../engine/skip-reasons';
import { useServices } from '../../../services/use-services';
import { FormFooter } from '../../../ui/FormFooter';
import { Modal } from '../../../ui/Modal';

type Source = 'selected' | 'filter' | 'tag';

const leadsWord = (n: number) => `${n.toLocaleString()} lead${n === 1 ? '' : 's'}`;

/**
 * "Add to sequence": the selected leads, every lead the filters match, or every lead with a tag. Leads are
 * checked and written a chunk at a time with progress; the report counts each skipped lead by its reason.
 */
export function EnrollDialog({
  selected,
  list,
  filtered,
  knownTags,
  onClose,
}: {
  selected: readonly string[];
  list: LeadList | null;
  filtered: boolean;
  knownTags: string[];
  onClose: () => void;
}) {
  const services = useServices();
  const [sequences, setSequences] = useState<SequenceDoc[] | null>(null);
  const [sequenceId, setSequenceId] = useState('');
  const [source, setSource] = useState<Source>(selected.length ? 'selected' : 'filter');
  const [tag, setTag] = useState(knownTags[0] ?? '');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<EnrollReport | null>(null);
  const [problem, setProblem] = useState('');
  const [launch, setLaunch] = useState(false);

  useEffect(() => {
    void services.sequences.list().then((all) => {
      const open = all.filter((s) => s.status !== 'archived');
      setSequences(open);
      setSequenceId((id) => id || open[0]?.id || '');
    });
  }, [services.sequences]);

  const sequence = sequences?.find((s) => s.id === sequenceId) ?? null;
  const noMailbox = sequence !== null && sequence.mailboxIds.length === 0;

  async function leadIds(): Promise<string[]> {
    if (source === 'selected') return [...selected];
    if (source === 'filter') return list ? list.allIds() : [];
    return (await services.leadLists.open({ tag })).allIds();
  }

  async function enroll() {
    if (!sequence) return setProblem('Choose a sequence.');
    setProblem('');
    setProgress({ done: 0, total: 0 });
    try {
      const ids = await leadIds();
      setProgress({ done: 0, total: ids.length });
      const sender = await senderOf(sequence.mailboxIds[0] ?? '');
      const result = await services.enrollments.enroll({
        sequence,
        leadIds: ids,
        sender,
        onProgress: (done, total) => setProgress({ done, total }),
      });
      // a draft is launched only when asked: its leads wait until then
      if (launch && sequence.status !== 'active') {
        await services.sequences.setStatus(sequence.id, 'active');
        await services.enrollments.wakeSequence(sequence.id);
      }
      services.engine.wake();
      setReport(result);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setProgress(null);
    }
  }

  if (report && sequence) return <EnrollReportView report={report} sequence={sequence} onClose={onClose} />;
  const running = progress !== null;
  return (
    <Modal title="Add leads to a sequence" onClose={onClose}>
      <form
        className="confirm-body enroll-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) void enroll();
        }}
      >
        {sequences?.length === 0 ? (
          <p className="muted">There is no sequence yet: create one on the Sequences screen first.</p>
        ) : (
          <label className="field">
            <span>Sequence</span>
            <select data-autofocus value={sequenceId} onChange={(e) => setSequenceId(e.target.value)}>
              {(sequences ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.status === 'active' ? s.name : `${s.name} (${s.status})`}
                </option>
              ))}
            </select>
          </label>
        )}
        <fieldset className="field">
          <legend>Which leads</legend>
          {selected.length ? (
            <SourceChoice value="selected" source={source} onPick={setSource}>
              The {leadsWord(selected.length)} selected
            </SourceChoice>
          ) : null}
          <SourceChoice value="filter" source={source} onPick={setSource}>
            {filtered ? 'Every lead the filters match' : 'Every lead'}
            {list ? ` (${leadsWord(list.total)})` : ''}
          </SourceChoice>
          {knownTags.length ? (
            <SourceChoice value="tag" source={source} onPick={setSource}>
              Every lead tagged{' '}
              <select aria-label="Tag" value={tag} onChange={(e) => setTag(e.target.value)}>
                {knownTags.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </SourceChoice>
          ) : null}
        </fieldset>
        {noMailbox ? (
          <p className="error">
            This sequence has no mailbox to send from yet: choose one in its settings on the Sequences screen.
          </p>
        ) : null}
        {sequence && sequence.status !== 'active' && !noMailbox ? (
          <label className="choice">
            <input type="checkbox" checked={launch} onChange={(e) => setLaunch(e.target.checked)} />{' '}
            {sequence.status === 'paused' ? 'Resume' : 'Launch'} the sequence now (otherwise its leads wait
            until you do)
          </label>
        ) : null}
        {progress ? (
          <div role="status">
            <progress value={progress.done} max={Math.max(progress.total, 1)} />{' '}
            {progress.total
              ? `Checked ${progress.done.toLocaleString()} of ${leadsWord(progress.total)}…`
              : 'Finding the leads…'}
          </div>
        ) : null}
        <FormFooter
          problem={problem}
          busy={running}
          onCancel={onClose}
          action="Add to sequence"
          {...(noMailbox || !sequence ? { disabled: true } : {})}
        />
      </form>
    </Modal>
  );
}

async function senderOf(mailboxId: string) {
  const [mailboxes, profile] = await Promise.all([
    call('mailboxes.list', {}),
    call('settings.getProfile', {}),
  ]);
  const mailbox = mailboxes.ok ? mailboxes.value.find((m) => m.id === mailboxId) : undefined;
  return senderFields(mailbox?.displayName ?? '', profile.ok ? (profile.value?.company ?? '') : '');
}

function SourceChoice({
  value,
  source,
  onPick,
  children,
}: {
  value: Source;
  source: Source;
  onPick: (s: Source) => void;
  children: React.ReactNode;
}) {
  return (
    <label className="choice">
      <input type="radio" name="enroll-source" checked={source === value} onChange={() => onPick(value)} />{' '}
      {children}
    </label>
  );
}

function EnrollReportView({
  report,
  sequence,
  onClose,
}: {
  report: EnrollReport;
  sequence: SequenceDoc;
  onClose: () => void;
}) {
  const skipped = SKIP_REASONS.filter((r) => report.skipped[r] > 0);
  return (
    <Modal title={`Added ${leadsWord(report.enrolled)} to “${sequence.name}”`} onClose={onClose}>
      <div className="confirm-body" data-testid="enroll-report">
        {skipped.length ? (
          <>
            <p>Not added:</p>
            <ul>
              {skipped.map((r) => (
                <li key={r}>
                  {leadsWord(report.skipped[r])} {SKIP_WORDS[r]}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>Every lead was added.</p>
        )}
        {report.gaps.length ? (
          <>
            <p>
              What the templates miss (add the value to the leads, or a fallback like{' '}
              {'{{ first_name | default: "there" }}'}):
            </p>
            <ul>
              {report.gaps.map((g) => (
                <li key={`${g.template}|${g.variable}`}>
                  {g.template}: {leadsWord(g.leadIds.length)}{' '}
                  {g.variable ? `have no ${g.variable}` : g.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <div className="form-footer">
          <button type="button" className="primary" data-autofocus onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </Modal>
  );
}
