import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { GenerationTarget } from '../../core/generation/generateDialogue';
import { LATEST } from '../../core/templates/schema';
import { SamplingFields, type AreaId } from '../shared';
import { useCompareStore } from './compareStore';
import { MAX_PRESETS } from './grid';
import type { ColumnChoices } from './useColumnChoices';

interface ColumnsPanelProps {
  choices: ColumnChoices;
  targets: readonly GenerationTarget[];
  onNavigate(area: AreaId): void;
}

/** Columns: template versions × models × sampling presets. */
export function ColumnsPanel({ choices, targets, onNavigate }: ColumnsPanelProps) {
  const id = useId();
  const { templateVersions, excludedModels, presets, concurrency, running } = useCompareStore(
    useShallow((s) => ({ templateVersions: s.templateVersions, excludedModels: s.excludedModels, presets: s.presets, concurrency: s.concurrency, running: s.running })),
  );
  const { toggleTemplate, chooseVersion, toggleModel, addPreset, removePreset, setPresetLabel, setPresetParams, setConcurrency } = useCompareStore.getState();
  const includedTargets = targets.filter((t) => !excludedModels.includes(t.key));
  // Presets apply to every model; the fields check them against the first model's engine, and each cell is checked
  // again against its own engine before its request.
  const engine = includedTargets[0]?.engine.kind ?? null;
  const anyServer = includedTargets.some((t) => t.engine.parallelRequests);

  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h2 id={`${id}-heading`}>Columns: templates × models × sampling</h2>
      <div className="compare-columns">
        <fieldset disabled={running}>
          <legend>Templates (each uses its latest version unless you pick another)</legend>
          <ul className="plain-list">
            {choices.templates.map((template) => {
              const chosen = template.id in templateVersions;
              const versions = choices.versionsByTemplate[template.id] ?? [];
              return (
                <li key={template.id} className="compare-template">
                  <label className="inline">
                    <input type="checkbox" checked={chosen} onChange={(e) => toggleTemplate(template.id, e.target.checked)} />
                    {template.name}
                  </label>
                  {chosen && versions.length > 1 && (
                    <select
                      aria-label={`Version of ${template.name}`}
                      value={templateVersions[template.id] ?? ''}
                      onChange={(e) => chooseVersion(template.id, e.target.value || null)}
                    >
                      <option value="">Latest (v{versions.find((v) => v.id === template.labels[LATEST])?.number ?? '?'})</option>
                      {versions.map((v) => (
                        <option key={v.id} value={v.id}>
                          v{v.number}
                          {v.note ? ` · ${v.note.slice(0, 40)}` : ''}
                        </option>
                      ))}
                    </select>
                  )}
                </li>
              );
            })}
          </ul>
        </fieldset>

        <fieldset disabled={running}>
          <legend>Models</legend>
          {targets.length === 0 && (
            <p className="muted">
              No model loaded.{' '}
              <button type="button" className="link" onClick={() => onNavigate('models')}>
                Load a model
              </button>
            </p>
          )}
          <ul className="plain-list">
            {targets.map((t) => (
              <li key={t.key}>
                <label className="inline">
                  <input type="checkbox" checked={!excludedModels.includes(t.key)} onChange={(e) => toggleModel(t.key, e.target.checked)} />
                  {t.model.modelName} ({t.engine.kind})
                </label>
              </li>
            ))}
          </ul>
          {anyServer && (
            <label>
              Requests at once per server model
              <input type="number" min={1} max={32} value={Number.isFinite(concurrency) ? concurrency : ''} onChange={(e) => setConcurrency(e.target.valueAsNumber)} />
            </label>
          )}
        </fieldset>
      </div>

      <div className="compare-presets">
        {presets.map((preset, index) => (
          <fieldset key={preset.id} disabled={running} aria-label={`Preset ${preset.label || index + 1}`}>
            <legend>Sampling preset {index + 1}</legend>
            <label>
              Preset label
              <input type="text" value={preset.label} maxLength={24} onChange={(e) => setPresetLabel(preset.id, e.target.value)} />
            </label>
            <SamplingFields params={preset.params} onChange={(patch) => setPresetParams(preset.id, patch)} engine={engine} legend="Settings" />
            {presets.length > 1 && (
              <button type="button" onClick={() => removePreset(preset.id)}>
                Remove preset {preset.label}
              </button>
            )}
          </fieldset>
        ))}
      </div>
      <div className="row actions">
        <button type="button" onClick={addPreset} disabled={running || presets.length >= MAX_PRESETS}>
          Add preset
        </button>
        <span className="muted">The seed is shared by every preset, so columns differ only in what they compare.</span>
      </div>
    </section>
  );
}
