import { useMemo, useState } from 'react';
import { ErrorBoundary } from './ErrorBoundary';
import { DatabaseUpgradeNotice } from './DatabaseUpgradeNotice';
import type { AreaId, LabHandoff, LabModels } from '../features/shared/navigation';
import { GeneratePage, useGenerateStore } from '../features/generate';
import { ModelsPage, ActiveModelBadge, useEngineStore, targetsOf } from '../features/models';
import { CorpusPage } from '../features/corpus';
import { ComparePage, useCompareStore } from '../features/compare';
import { RunsPage } from '../features/runs';
import { StudioPage } from '../features/studio';
import { ReviewPage } from '../features/review';
import { ExportPage } from '../features/export';

// In the order of the work: write a prompt, try it, compare, run it at scale, review; models and data beside them.
const TABS = [
  { id: 'generate', label: 'Generate', Page: GeneratePage },
  { id: 'studio', label: 'Studio', Page: StudioPage },
  { id: 'compare', label: 'Compare', Page: ComparePage },
  { id: 'runs', label: 'Runs', Page: RunsPage },
  { id: 'review', label: 'Review', Page: ReviewPage },
  { id: 'export', label: 'Export', Page: ExportPage },
  { id: 'models', label: 'Models', Page: ModelsPage },
  { id: 'corpus', label: 'Corpus', Page: CorpusPage },
] as const;

/** The WAI-ARIA tabs pattern: arrows move between tabs (wrapping), Home and End go to the ends. */
function tabAfterKey(key: string, current: number): number | null {
  const last = TABS.length - 1;
  if (key === 'ArrowRight') return current === last ? 0 : current + 1;
  if (key === 'ArrowLeft') return current === 0 ? last : current - 1;
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  return null;
}

/** The loaded models as every area sees them: the Models tab owns them, the others only use them. */
function useLabModels(): LabModels {
  const slots = useEngineStore((s) => s.slots);
  return useMemo(() => ({ targets: targetsOf(slots) }), [slots]);
}

export function App() {
  const [tab, setTab] = useState<AreaId>('generate');
  const models = useLabModels();
  // Hand-offs between areas live here, so no area imports another.
  const handoff = useMemo<LabHandoff>(
    () => ({
      useExcerptInGenerate(excerpt) {
        useGenerateStore.getState().receiveExcerpt(excerpt.text, excerpt.excerptId, excerpt.url ?? null);
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
          <div
            role="tablist"
            aria-label="Lab areas"
            onKeyDown={(event) => {
              const next = tabAfterKey(event.key, TABS.findIndex((t) => t.id === tab));
              if (next === null) return;
              event.preventDefault();
              const target = TABS[next]!;
              setTab(target.id);
              document.getElementById(`tab-${target.id}`)?.focus();
            }}
          >
            {TABS.map(({ id, label }) => (
              <button
                key={id}
                role="tab"
                id={`tab-${id}`}
                aria-selected={tab === id}
                aria-controls={`panel-${id}`}
                // One tab stop for the whole list: arrows move within it.
                tabIndex={tab === id ? 0 : -1}
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
      <DatabaseUpgradeNotice />
      {TABS.map(({ id, label, Page }) => (
        // Pages stay mounted so a running generation or import keeps its state when the tab changes.
        <main key={id} role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} hidden={tab !== id} className="page">
          <ErrorBoundary area={label}>
            <Page active={tab === id} onNavigate={setTab} models={models} handoff={handoff} />
          </ErrorBoundary>
        </main>
      ))}
    </div>
  );
}
