import { useEngineStore } from './engineStore';

export function ActiveModelBadge() {
  const model = useEngineStore((s) => s.model);
  const status = useEngineStore((s) => s.status);
  const text = model ? `${model.modelName} · ${model.engine}` : status === 'loading' ? 'Loading model…' : 'No model';
  return (
    <output className="badge" aria-label="Active model">
      {text}
    </output>
  );
}
