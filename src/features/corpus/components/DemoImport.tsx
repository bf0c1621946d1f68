import { useCorpusStore } from '../corpusStore';
import { DEMO_CORPUS } from '../demoCorpus';

export function DemoImport() {
  const busy = useCorpusStore((s) => s.task !== null);
  function start() {
    const url = new URL(DEMO_CORPUS.url, location.href).href;
    void useCorpusStore.getState().startImport({ kind: 'demo', name: DEMO_CORPUS.name, url, attribution: DEMO_CORPUS.attribution }, 'Loading the demo corpus');
  }
  return (
    <div className="import-option">
      <h3>Demo corpus</h3>
      <p className="muted">{DEMO_CORPUS.attribution}</p>
      <button className="primary" disabled={busy} onClick={start}>Load demo corpus</button>
    </div>
  );
}
