import { useGenerateStore } from './generateStore';

export function SamplingControls() {
  const params = useGenerateStore((s) => s.params);
  const setParams = useGenerateStore((s) => s.setParams);
  const numberField = (label: string, value: number, step: number, min: number, max: number, apply: (v: number) => void) => (
    <label>
      {label}
      <input
        type="number"
        value={value}
        step={step}
        min={min}
        max={max}
        onChange={(e) => {
          const next = e.target.valueAsNumber;
          if (Number.isFinite(next)) apply(Math.min(max, Math.max(min, next)));
        }}
      />
    </label>
  );
  return (
    <fieldset className="sampling">
      <legend>Sampling</legend>
      {numberField('Temperature', params.temperature, 0.1, 0, 2, (temperature) => setParams({ temperature }))}
      {numberField('Top p', params.topP, 0.05, 0.05, 1, (topP) => setParams({ topP }))}
      {numberField('Max tokens', params.maxTokens, 16, 1, 8192, (maxTokens) => setParams({ maxTokens: Math.round(maxTokens) }))}
      {numberField('Seed', params.seed, 1, 0, 2 ** 31 - 1, (seed) => setParams({ seed: Math.round(seed) }))}
      <label>
        Stop sequences
        <input
          type="text"
          placeholder="comma-separated"
          value={params.stop.join(',')}
          onChange={(e) => setParams({ stop: e.target.value.split(',').filter((s) => s.length > 0) })}
        />
      </label>
    </fieldset>
  );
}
