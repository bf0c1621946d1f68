import { useMemo, useState } from 'react';
import { ErrorBoundary } from './ErrorBoundary';
import type { AreaId, LabHandoff, LabModels } from '../features/shared/navigation';
import { GeneratePage, useGenerateStore } from '../features/generate';
import { ModelsPage, ActiveModelBadge, useEngineStore, targetsOf, engineKindOfKey } from '../features/models';
import { CorpusPage } from '../features/corpus';
import { ComparePage, useCompareStore } from '../features/compare';
import { RunsPage } from '../features/runs';
import { StudioPage } from '../features/studio';

const TABS = [
  { id: 'generate', label: 'Generate', Page: GeneratePage },
  { id: 'compare', label: 'Compare', Page: ComparePage },
  { id: 'studio', label: 'Studio', Page: StudioPage },
  { id: 'models', label: 'Models', Page: ModelsPage },
  { id: 'corpus', label: 'Corpus', Page: CorpusPage },
  { id: 'runs', label: 'Runs', Page: RunsPage },
] as const;

/** The loaded models as every area sees them: the Models tab owns them, the others only use them. */
function useLabModels(): LabModels {
  const slots = useEngineStore((s) => s.slots);
  return useMemo(
    () => ({
      targets: targetsOf(slots),
      reportCrash(modelKey, error) {
        const kind = engineKindOfKey(modelKey);
        if (kind) useEngineStore.getState().reportCrash(kind, error);
      },
    }),
    [slots],
  );
}

export function App() {
  const [tab, setTab] = useState<AreaId>('generate');
  const models = useLabModels();
  // Hand-offs between areas live here, so no area imports another.
  const handoff = useMemo<LabHandoff>(
    () => ({
      useExcerptInGenerate(excerpt) {
        useGenerateStore.getState().setExcerpt(excerpt.text, excerpt.excerptId, excerpt.url ?? null);
        setTab('generate');
      },
      compareExcerpts(excerpts) {
        useCompareStore.getState().setRows(excerpts, `${excerpts.length} excerpt${excerpts.length === 1 ? '' : 's'} sent from another area`);
        setTab('compare');
      },
      useTemplateInGenerate(templateId) {
        useGenerateStore.getState().setTemplate(templateId);
        setTab('generate');
      },
    }),
    [],
  );
  return (
    <div className="shell">
      <header className="shell-header">
        <h1>MIND Lab</h1>
        <nav aria-label="Lab areas">
          <div role="tablist" aria-label="Lab areas">
            {TABS.map(({ id, label }) => (
              <button
                key={id}
                role="tab"
                id={`tab-${id}`}
                aria-selected={tab === id}
                aria-controls={`panel-${id}`}
                className="tab"
                onClick={() => setTab(id)}
              >
                {label}
              </button>
            ))}
          </div>
        </nav>
        <ActiveModelBadge />
      </header>
      {TABS.map(({ id, label, Page }) => (
        // Pages stay mounted so a running generation or import keeps its state when the tab changes.
        <main key={id} role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} hidden={tab !== id} className="page">
          <ErrorBoundary area={label}>
            <Page onNavigate={setTab} models={models} handoff={handoff} />
          </ErrorBoundary>
        </main>
      ))}
    </div>
  );
}
