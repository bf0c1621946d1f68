import type { GenerationTarget } from '../../core/generation/generateDialogue';
import type { ExcerptInput } from '../../core/generation/plan';

export type AreaId = 'generate' | 'studio' | 'compare' | 'runs' | 'review' | 'export' | 'models' | 'corpus';

/** The models loaded on the Models tab, as every other area sees them (wired in src/app). */
export interface LabModels {
  /**
   * Loaded and ready, one per engine at most, addressed by key (`engine:model`). A crash of their engine is reported
   * to the Models tab by the engine itself (it unloads the dead model and says why).
   */
  targets: readonly GenerationTarget[];
}

/** What one area hands to another; src/app carries it out, so areas never import each other. */
export interface LabHandoff {
  /** Fill the Generate page's excerpt and go there. */
  useExcerptInGenerate(excerpt: ExcerptInput): void;
  /** Make these excerpts the compare grid's rows and go there. */
  compareExcerpts(excerpts: readonly ExcerptInput[]): void;
  /** Choose this template on the Generate page and go there. */
  useTemplateInGenerate(templateId: string): void;
}

export interface PageProps {
  /** Whether this area's tab is the one shown (pages stay mounted when hidden). */
  active: boolean;
  onNavigate(area: AreaId): void;
  models: LabModels;
  handoff: LabHandoff;
}
