import { useState } from 'react';
import { detectFormat } from '../../../core/corpus/readers/format';
import { parquetColumns } from '../../../core/corpus/readers/parquet';
import { jsonlFields } from '../../../core/corpus/readers/textFields';
import { fileAsyncBuffer } from '../import/byteSources';
import { useCorpusStore } from '../corpusStore';

interface FieldChoice {
  label: 'Text field' | 'Text column';
  options: string[];
}

const SAMPLE_BYTES = 64 * 1024;

/** Offers the columns (Parquet) or fields (JSONL) found in the file, so a person can say which one holds the text. */
async function fieldChoice(file: File): Promise<FieldChoice | null> {
  const { format, gzip } = detectFormat(file.name);
  if (format === 'parquet') return { label: 'Text column', options: await parquetColumns(fileAsyncBuffer(file)) };
  if (format === 'jsonl' && !gzip) {
    return { label: 'Text field', options: jsonlFields(new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer())) };
  }
  return null;
}

export function FileImport() {
  const busy = useCorpusStore((s) => s.task !== null);
  const [file, setFile] = useState<File | null>(null);
  const [choice, setChoice] = useState<FieldChoice | null>(null);
  const [field, setField] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [keepPartial, setKeepPartial] = useState(false);

  async function pick(next: File | null) {
    setFile(next);
    setChoice(null);
    setProblem(null);
    if (!next) return;
    try {
      const found = await fieldChoice(next);
      setChoice(found);
      // Without a "text" column nothing is preselected: importing some other column by default would be a silent mistake.
      setField(found?.options.includes('text') ? 'text' : found?.label === 'Text field' ? found.options[0] ?? '' : '');
    } catch (error) {
      setProblem(`Could not read the columns of ${next.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function start() {
    if (!file) return;
    const options = choice?.label === 'Text column' ? { textColumn: field } : choice && field ? { textField: field } : {};
    void useCorpusStore.getState().startImport({ kind: 'file', file, keepPartial, ...options }, `Importing ${file.name}`);
  }

  return (
    <div className="import-option">
      <h3>From a file</h3>
      <p className="muted">JSONL (OpenWebMath records or any field), JSON array, .jsonl.gz / .json.gz, Parquet, .txt / .md.</p>
      <label>
        Corpus file
        <input type="file" accept=".jsonl,.json,.gz,.parquet,.txt,.md,.ndjson" disabled={busy} onChange={(e) => void pick(e.target.files?.[0] ?? null)} />
      </label>
      {choice && (
        <label>
          {choice.label}
          <select value={field} onChange={(e) => setField(e.target.value)}>
            {field === '' && <option value="">choose…</option>}
            {choice.options.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        </label>
      )}
      {choice?.label === 'Text column' && field === '' && (
        <p role="alert" className="problem">{file?.name} has no &quot;text&quot; column (it has {choice.options.join(', ')}): choose the column that holds the text.</p>
      )}
      <label title="By default a file that cannot be read to its end (a corrupt or cut-off gzip, an unclosed array) imports nothing.">
        <input type="checkbox" checked={keepPartial} disabled={busy} onChange={(e) => setKeepPartial(e.target.checked)} />
        Keep records read before a failure
      </label>
      {problem && <p role="alert" className="problem">{problem}</p>}
      <button className="primary" disabled={!file || busy || (choice?.label === 'Text column' && field === '')} onClick={start}>Import file</button>
    </div>
  );
}
