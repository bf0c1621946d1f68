import { useState } from 'react';
import { ErrorBoundary } from './ErrorBoundary';
import type { AreaId } from '../features/shared/navigation';
import { GeneratePage } from '../features/generate';
import { ModelsPage, ActiveModelBadge } from '../features/models';
import { CorpusPage } from '../features/corpus';

const TABS = [
  { id: 'generate', label: 'Generate', Page: GeneratePage },
  { id: 'models', label: 'Models', Page: ModelsPage },
  { id: 'corpus', label: 'Corpus', Page: CorpusPage },
] as const;

type TabId = AreaId;

export function App() {
  const [tab, setTab] = useState<TabId>('generate');
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
            <Page onNavigate={(target: TabId) => setTab(target)} />
          </ErrorBoundary>
        </main>
      ))}
    </div>
  );
}
