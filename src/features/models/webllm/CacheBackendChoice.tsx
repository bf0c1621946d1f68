import type { CacheBackend } from '../../../engines/webllm';

const CHOICES: { value: CacheBackend; label: string }[] = [
  { value: 'cache', label: 'Cache API (default, best tested by web-llm)' },
  { value: 'indexeddb', label: 'IndexedDB (use in private windows, where the Cache API runs out of quota)' },
];

export function CacheBackendChoice({ value, onChange }: { value: CacheBackend; onChange(backend: CacheBackend): void }) {
  return (
    <fieldset>
      <legend>Where downloaded models are stored</legend>
      {CHOICES.map((choice) => (
        <label key={choice.value} className="webllm-inline">
          <input type="radio" name="webllm-cache-backend" value={choice.value} checked={value === choice.value} onChange={() => onChange(choice.value)} />
          {choice.label}
        </label>
      ))}
    </fieldset>
  );
}
