import { useState } from 'react';
import { useCorpusStore } from '../corpusStore';

export function WorkingSetsPanel() {
  const { workingSets, checked, resultIds } = useCorpusStore();
  const { saveChecked, drawSample, removeWorkingSet, clearChecked } = useCorpusStore.getState();
  const [name, setName] = useState('');
  const [sampleName, setSampleName] = useState('');
  const [size, setSize] = useState(10);
  const [seed, setSeed] = useState(42);
  return (
    <section aria-labelledby="working-sets-heading" className="card">
      <h2 id="working-sets-heading">Working sets</h2>
      <div className="row">
        <label>
          Working set name
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button disabled={!name.trim() || checked.length === 0} onClick={() => void saveChecked(name).then(() => setName(''))}>
          Save selection as working set ({checked.length})
        </button>
        <button disabled={checked.length === 0} onClick={clearChecked}>Clear selection</button>
      </div>
      <div className="row">
        <label>
          Sample size
          <input type="number" min={1} value={size} onChange={(e) => setSize(Math.max(1, Math.round(Number(e.target.value))))} />
        </label>
        <label>
          Sample seed
          <input type="number" value={seed} onChange={(e) => setSeed(Math.round(Number(e.target.value)))} />
        </label>
        <label>
          Sample name
          <input value={sampleName} onChange={(e) => setSampleName(e.target.value)} />
        </label>
        <button disabled={!sampleName.trim() || resultIds.length === 0} onClick={() => void drawSample(sampleName, size, seed).then(() => setSampleName(''))}>
          Draw sample from {resultIds.length.toLocaleString()} results
        </button>
      </div>
      <ul aria-label="Working sets" className="working-sets">
        {workingSets.map((w) => (
          <li key={w.id}>
            <strong>{w.name}</strong> · {w.excerptIds.length} excerpts
            {w.sample && ` · seed ${w.sample.seed}, drawn from ${w.sample.drawnFrom}`}
            <span className="muted"> · {w.excerptIds.slice(0, 12).map((id) => `#${id}`).join(' ')}{w.excerptIds.length > 12 ? ' …' : ''}</span>
            <button className="link" onClick={() => void removeWorkingSet(w.id)} aria-label={`Delete working set ${w.name}`}>Delete</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
