import { useId } from 'react';
import type { EngineKind } from '../../core/engine/types';
import { ignoredSettings, samplingProblems } from '../../core/generation/sampling';
import type { SamplingParams } from '../../core/types';

interface SamplingFieldsProps {
  params: SamplingParams;
  onChange(patch: Partial<SamplingParams>): void;
  /** The engine the settings are for: its limits are checked and the settings it may ignore are named. */
  engine: EngineKind | null;
  legend?: string;
}

/**
 * Sampling inputs. Values are taken as typed, never clamped: out-of-range ones are shown as problems beside the field
 * and the request is refused until they are fixed.
 */
export function SamplingFields({ params, onChange, engine, legend = 'Sampling' }: SamplingFieldsProps) {
  const id = useId();
  const problems = engine ? samplingProblems(params, engine) : [];
  const ignored = engine ? ignoredSettings(engine) : {};
  const problemOf = (field: keyof SamplingParams) => problems.find((p) => p.field === field)?.message;
  const numberField = (field: 'temperature' | 'topP' | 'maxTokens' | 'seed', label: string, step: number) => {
    const problem = problemOf(field);
    const note = ignored[field];
    const describedBy = [problem ? `${id}-${field}-problem` : '', note ? `${id}-${field}-note` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <label>
        {label}
        <input
          type="number"
          value={Number.isFinite(params[field]) ? params[field] : ''}
          step={step}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange({ [field]: e.target.value === '' ? Number.NaN : e.target.valueAsNumber })}
        />
        {problem && (
          <span id={`${id}-${field}-problem`} className="field-problem">
            {problem}
          </span>
        )}
        {note && (
          <span id={`${id}-${field}-note`} className="muted field-note">
            {note}
          </span>
        )}
      </label>
    );
  };
  return (
    <fieldset className="sampling">
      <legend>{legend}</legend>
      {numberField('temperature', 'Temperature', 0.1)}
      {numberField('topP', 'Top p', 0.05)}
      {numberField('maxTokens', 'Max tokens', 16)}
      {numberField('seed', 'Seed', 1)}
      <label>
        Stop sequences
        <input
          type="text"
          placeholder="comma-separated"
          value={params.stop.join(',')}
          aria-invalid={problemOf('stop') ? true : undefined}
          onChange={(e) => onChange({ stop: e.target.value.split(',').filter((s) => s.length > 0) })}
        />
        {problemOf('stop') && <span className="field-problem">{problemOf('stop')}</span>}
      </label>
    </fieldset>
  );
}
