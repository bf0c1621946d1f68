import { useState } from 'react';
import { DEFAULT_HF_BASE_URL, HuggingFaceError, fetchRowsPage, listSplits, type HfSplit } from '../../../core/corpus/huggingface';
import { useCorpusStore } from '../corpusStore';

const splitKey = (s: HfSplit) => `${s.config}/${s.split}`;

export function HuggingFaceImport() {
  const busy = useCorpusStore((s) => s.task !== null);
  const [dataset, setDataset] = useState('open-web-math/open-web-math');
  const [token, setToken] = useState('');
  const [baseUrl, setBaseUrl] = useState(DEFAULT_HF_BASE_URL);
  const [splits, setSplits] = useState<HfSplit[]>([]);
  const [chosen, setChosen] = useState('');
  const [totalRows, setTotalRows] = useState<number | null>(null);
  const [limit, setLimit] = useState(1000);
  const [textField, setTextField] = useState('text');
  const [problem, setProblem] = useState<{ message: string; hint: string } | null>(null);
  const [looking, setLooking] = useState(false);

  const client = () => ({ baseUrl, ...(token ? { token } : {}) });

  function fail(error: unknown) {
    if (error instanceof HuggingFaceError) setProblem({ message: error.message, hint: error.hint });
    else setProblem({ message: String(error), hint: 'Check the dataset name and the API address.' });
  }

  async function countRows(split: HfSplit) {
    setTotalRows(null);
    try {
      const page = await fetchRowsPage(dataset.trim(), split.config, split.split, 0, 1, client());
      setTotalRows(page.num_rows_total);
      setLimit((l) => Math.min(l, page.num_rows_total));
    } catch (error) {
      fail(error);
    }
  }

  async function findSplits() {
    setProblem(null);
    setSplits([]);
    setLooking(true);
    try {
      const found = await listSplits(dataset.trim(), client());
      setSplits(found);
      const first = found[0];
      setChosen(first ? splitKey(first) : '');
      if (first) await countRows(first);
    } catch (error) {
      fail(error);
    } finally {
      setLooking(false);
    }
  }

  function start() {
    const split = splits.find((s) => splitKey(s) === chosen);
    if (!split) return;
    void useCorpusStore.getState().startImport({
      kind: 'huggingface', dataset: dataset.trim(), config: split.config, split: split.split, limit, textField, baseUrl, ...(token ? { token } : {}),
    }, `Importing ${dataset.trim()}`);
  }

  return (
    <div className="import-option">
      <h3>Hugging Face dataset</h3>
      <label>
        Dataset
        <input value={dataset} onChange={(e) => setDataset(e.target.value)} placeholder="owner/name" />
      </label>
      <label>
        Access token (optional)
        <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
      </label>
      <label>
        API address
        <input value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />
      </label>
      <button disabled={!dataset.trim() || looking} onClick={() => void findSplits()}>Find splits</button>
      {splits.length > 0 && (
        <>
          <label>
            Config and split
            <select value={chosen} onChange={(e) => {
              setChosen(e.target.value);
              const split = splits.find((s) => splitKey(s) === e.target.value);
              if (split) void countRows(split);
            }}>
              {splits.map((s) => <option key={splitKey(s)} value={splitKey(s)}>{splitKey(s)}</option>)}
            </select>
          </label>
          {totalRows !== null && <p className="muted">{totalRows.toLocaleString()} rows in this split.</p>}
          <label>
            Rows to import
            <input type="number" min={1} max={totalRows ?? undefined} value={limit} onChange={(e) => setLimit(Math.max(1, Number(e.target.value)))} />
          </label>
          <label>
            Text field
            <input value={textField} onChange={(e) => setTextField(e.target.value)} />
          </label>
          <button className="primary" disabled={busy || !chosen} onClick={start}>Import from Hugging Face</button>
        </>
      )}
      {problem && <div role="alert" className="problem"><strong>{problem.message}</strong><p>{problem.hint}</p></div>}
    </div>
  );
}
