import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DEFAULT_RUBRIC, rubricSchema } from '../../../core/review/rubric';
import { filterThresholdsSchema, DEFAULT_FILTER_THRESHOLDS, type FilterThresholds } from '../../../core/review/filters';
import { downloadText } from '../../shared';
import { reviewApi, type MergeReport } from '../api';
import { useReviewStore } from '../reviewStore';
import { AgreementPanel } from './AgreementPanel';

function zodMessage(error: unknown): string {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues?.length) return issues.slice(0, 3).map((i) => `${i.path.join('.') || 'rubric'}: ${i.message}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}

function RaterSettings() {
  const { rater, blind, overlapTarget, setRater, setBlind, setOverlapTarget } = useReviewStore(
    useShallow((s) => ({ rater: s.rater, blind: s.blind, overlapTarget: s.overlapTarget, setRater: s.setRater, setBlind: s.setBlind, setOverlapTarget: s.setOverlapTarget })),
  );
  return (
    <fieldset>
      <legend>You</legend>
      <label>
        Rater name
        <input type="text" value={rater} maxLength={60} onChange={(e) => setRater(e.target.value)} placeholder="me" />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} />
        Blind mode (hide model and template)
      </label>
      <label>
        Ratings wanted per dialogue
        <input type="number" min={1} max={20} value={overlapTarget} onChange={(e) => setOverlapTarget(Number(e.target.value))} />
      </label>
    </fieldset>
  );
}

function RubricEditor() {
  const { rubric, saveRubric } = useReviewStore(useShallow((s) => ({ rubric: s.rubric, saveRubric: s.saveRubric })));
  const [text, setText] = useState(() => JSON.stringify(rubric, null, 2));
  const [problem, setProblem] = useState('');
  const save = async (json: string) => {
    let parsed;
    try {
      parsed = rubricSchema.parse(JSON.parse(json));
    } catch (error) {
      setProblem(error instanceof SyntaxError ? `Not valid JSON: ${error.message}` : zodMessage(error));
      return;
    }
    setProblem('');
    if (await saveRubric(parsed)) setText(JSON.stringify(parsed, null, 2));
  };
  return (
    <fieldset>
      <legend>Rubric</legend>
      <p className="muted">
        Questions of kind <code>scale</code> (min–max), <code>choice</code>, <code>tags</code> or <code>text</code>. Keep the <code>id</code> of a
        rubric others rate with: ratings are merged per rubric id.
      </p>
      <textarea aria-label="Rubric (JSON)" rows={12} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'rubric-problem' : undefined} />
      {problem && (
        <p id="rubric-problem" role="alert" className="field-problem">
          {problem}
        </p>
      )}
      <button type="button" onClick={() => void save(text)}>
        Save rubric
      </button>
      <button type="button" onClick={() => void save(JSON.stringify(DEFAULT_RUBRIC))}>
        Use the default rubric
      </button>
    </fieldset>
  );
}

function ThresholdsEditor() {
  const { thresholds, saveThresholds } = useReviewStore(useShallow((s) => ({ thresholds: s.thresholds, saveThresholds: s.saveThresholds })));
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(thresholds).map(([k, v]) => [k, String(v)])));
  const [problem, setProblem] = useState('');
  const apply = async (values: Record<string, string>) => {
    const parsed = filterThresholdsSchema.safeParse(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number(v)])));
    if (!parsed.success) {
      setProblem(zodMessage(parsed.error));
      return;
    }
    setProblem('');
    await saveThresholds(parsed.data as FilterThresholds);
  };
  return (
    <fieldset>
      <legend>Filter thresholds</legend>
      <div className="thresholds">
        {Object.keys(DEFAULT_FILTER_THRESHOLDS).map((key) => (
          <label key={key}>
            {key}
            <input type="number" step="any" value={draft[key] ?? ''} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
          </label>
        ))}
      </div>
      {problem && (
        <p role="alert" className="field-problem">
          {problem}
        </p>
      )}
      <button type="button" onClick={() => void apply(draft)}>
        Apply thresholds and re-run the filters
      </button>
    </fieldset>
  );
}

function Exchange() {
  const { rater, rubric, queue, load } = useReviewStore(useShallow((s) => ({ rater: s.rater, rubric: s.rubric, queue: s.queue, load: s.load })));
  const [report, setReport] = useState<{ fileName: string; text: string; preview: MergeReport } | null>(null);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState('');
  const who = rater.trim() || 'me';
  const fail = (error: unknown) => setProblem(error instanceof Error ? error.message : String(error));

  const pickRatings = async (file: File | null) => {
    if (!file) return;
    setProblem('');
    setMessage('');
    try {
      const text = await file.text();
      setReport({ fileName: file.name, text, preview: await reviewApi.mergeRatings(file.name, text, rubric, true) });
    } catch (error) {
      setReport(null);
      fail(error);
    }
  };
  const merge = async () => {
    if (!report) return;
    try {
      const done = await reviewApi.mergeRatings(report.fileName, report.text, rubric, false);
      setMessage(`Merged ${done.merged} rating${done.merged === 1 ? '' : 's'} from ${done.rater}; ${done.skipped.length} line${done.skipped.length === 1 ? '' : 's'} skipped.`);
      setReport(null);
      await load();
    } catch (error) {
      fail(error);
    }
  };
  const importPack = async (file: File | null) => {
    if (!file) return;
    setProblem('');
    try {
      const { added, alreadyHere } = await reviewApi.importDialoguePack(file.name, await file.text());
      setMessage(`Imported ${added} dialogue${added === 1 ? '' : 's'}${alreadyHere ? `; ${alreadyHere} were already here` : ''}.`);
      await load();
    } catch (error) {
      fail(error);
    }
  };
  return (
    <fieldset>
      <legend>Work as a team (no server)</legend>
      <p className="muted">Share dialogues as a pack; each rater rates them in their own browser and sends back a ratings file to merge here.</p>
      <div className="exchange-actions">
        <button type="button" onClick={() => void reviewApi.exportDialoguePack(queue.map((e) => e.dialogueId)).then((text) => downloadText('mind-lab-dialogues.jsonl', text, 'application/x-ndjson'), fail)}>
          Export the queue&apos;s {queue.length} dialogues as a pack
        </button>
        <label className="file-button">
          Import a dialogue pack
          <input type="file" accept=".jsonl,application/x-ndjson,application/json" onChange={(e) => {
              void importPack(e.target.files?.[0] ?? null);
              // The same file can be picked again (after fixing it, or to see its report again).
              e.target.value = '';
            }} />
        </label>
        <button type="button" onClick={() => void reviewApi.exportRatings(who, rubric).then((text) => downloadText(`mind-lab-ratings-${who}.jsonl`, text, 'application/x-ndjson'), fail)}>
          Export my ratings ({who})
        </button>
        <label className="file-button">
          Merge another rater&apos;s ratings
          <input type="file" accept=".jsonl,application/x-ndjson,application/json" onChange={(e) => {
              void pickRatings(e.target.files?.[0] ?? null);
              e.target.value = '';
            }} />
        </label>
      </div>
      {problem && (
        <p role="alert" className="field-problem">
          {problem}
        </p>
      )}
      {message && <p role="status">{message}</p>}
      {report && (
        <section aria-label="Merge preview" className="merge-preview">
          <p>
            {report.fileName}: {report.preview.merged} new rating{report.preview.merged === 1 ? '' : 's'} by {report.preview.rater}; {report.preview.skipped.length} line
            {report.preview.skipped.length === 1 ? '' : 's'} will be skipped.
          </p>
          {report.preview.skipped.length > 0 && (
            <ul aria-label="Skipped lines">
              {report.preview.skipped.map((s) => (
                <li key={s.line}>
                  Line {s.line}: {s.message}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="primary" onClick={() => void merge()} disabled={report.preview.merged === 0}>
            Merge {report.preview.merged} rating{report.preview.merged === 1 ? '' : 's'}
          </button>
          <button type="button" onClick={() => setReport(null)}>
            Cancel
          </button>
        </section>
      )}
    </fieldset>
  );
}

/** Who rates, how, and how ratings travel between raters. */
export function TeamPanel() {
  return (
    <div className="team-panel">
      <RaterSettings />
      <Exchange />
      <AgreementPanel />
      <RubricEditor />
      <ThresholdsEditor />
    </div>
  );
}
