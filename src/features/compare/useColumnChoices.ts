import type { GenerationTarget } from '../../core/generation/generateDialogue';
import { LATEST, type TemplateRecord, type TemplateVersionRecord } from '../../core/templates/schema';
import { useLiveQuery, valueOr } from '../shared';
import { compareApi } from './api';
import { useCompareStore } from './compareStore';
import type { ColumnModel, ColumnVersion } from './grid';

export interface ColumnChoices {
  templates: TemplateRecord[];
  /** Versions of the chosen templates, newest first. */
  versionsByTemplate: Record<string, TemplateVersionRecord[]>;
  /** What the grid's columns are made of, as chosen now. */
  versions: ColumnVersion[];
  models: ColumnModel[];
}

/** The templates, versions and loaded models the columns can use, and the ones chosen. */
export function useColumnChoices(targets: readonly GenerationTarget[]): ColumnChoices {
  const templateVersions = useCompareStore((s) => s.templateVersions);
  const excludedModels = useCompareStore((s) => s.excludedModels);
  const templates = valueOr(useLiveQuery(() => compareApi.listTemplates(), []), []);
  const chosenIds = templates.filter((t) => t.id in templateVersions).map((t) => t.id);
  const versionsByTemplate = valueOr(
    useLiveQuery(async () => Object.fromEntries(await Promise.all(chosenIds.map(async (id) => [id, await compareApi.listVersions(id)] as const))), [chosenIds.join('\n')]),
    {} as Record<string, TemplateVersionRecord[]>,
  );
  const versions: ColumnVersion[] = [];
  for (const template of templates) {
    if (!(template.id in templateVersions)) continue;
    const wanted = templateVersions[template.id] ?? template.labels[LATEST];
    const version = versionsByTemplate[template.id]?.find((v) => v.id === wanted);
    if (version) versions.push({ id: version.id, hash: version.hash, templateName: template.name, number: version.number });
  }
  const models = targets
    .filter((t) => !excludedModels.includes(t.key))
    .map((t) => ({ key: t.key, modelName: t.model.modelName, engine: t.engine.kind }));
  return { templates, versionsByTemplate, versions, models };
}
