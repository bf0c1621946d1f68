import { ENGINE_KINDS, useEngineStore } from './engineStore';

export function ActiveModelBadge() {
  const slots = useEngineStore((s) => s.slots);
  const ready = ENGINE_KINDS.flatMap((kind) => (slots[kind].model ? [`${slots[kind].model!.modelName} · ${kind}`] : []));
  const loading = ENGINE_KINDS.some((kind) => slots[kind].status === 'loading');
  const text = ready.length > 0 ? ready.join(' + ') : loading ? 'Loading model…' : 'No model';
  return (
    <output className="badge" aria-label="Loaded models">
      {text}
    </output>
  );
}
