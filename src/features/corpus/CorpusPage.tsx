import { useEffect } from 'react';
import './corpus.css';
import { Problem, type PageProps } from '../shared';
import { useCorpusStore } from './corpusStore';
import { ChunkSettings } from './components/ChunkSettings';
import { DemoImport } from './components/DemoImport';
import { ExcerptBrowser } from './components/ExcerptBrowser';
import { ExcerptView } from './components/ExcerptView';
import { FileImport } from './components/FileImport';
import { HuggingFaceImport } from './components/HuggingFaceImport';
import { PasteImport } from './components/PasteImport';
import { SourcesPanel } from './components/SourcesPanel';
import { TaskProgress } from './components/TaskProgress';
import { WorkingSetsPanel } from './components/WorkingSetsPanel';

export function CorpusPage({ handoff }: PageProps) {
  const { ready, task, problem, notice, openExcerptId } = useCorpusStore();
  const { init, cancelTask, dismissProblem } = useCorpusStore.getState();
  useEffect(() => {
    void init();
  }, [init]);
  return (
    <div className="corpus">
      <section aria-labelledby="corpus-heading" className="card">
        <h2 id="corpus-heading">Corpus</h2>
        <p className="muted">Import math web text; it is split into excerpts for dialogue generation. Everything stays in this browser (IndexedDB).</p>
        <div className="import-grid">
          <FileImport />
          <PasteImport />
          <HuggingFaceImport />
          <DemoImport />
        </div>
        <ChunkSettings />
      </section>
      {task && <TaskProgress task={task} onCancel={cancelTask} />}
      {problem && <Problem message={problem.message} hint={problem.hint} onDismiss={dismissProblem} />}
      {notice && <p role="status" className="notice">{notice}</p>}
      {ready && <SourcesPanel />}
      {ready && <ExcerptBrowser />}
      {openExcerptId !== null && <ExcerptView id={openExcerptId} handoff={handoff} />}
      {ready && <WorkingSetsPanel />}
    </div>
  );
}
