import type { EngineKind } from '../../core/engine/types';
import { Problem, ProgressBar } from '../shared';
import { useEngineStore } from './engineStore';

const STARTING = { fraction: null, loadedBytes: 0, totalBytes: null, etaSeconds: null, text: 'Starting…' };

/**
 * A load's progress and any problem, shown in the engine's own panel, next to the control that started it (the
 * Active model card at the top repeats them). A problem takes focus, so it is read out and seen at once.
 */
export function EngineSlotStatus({ kind }: { kind: EngineKind }) {
  const slot = useEngineStore((s) => s.slots[kind]);
  return (
    <>
      {slot.status === 'loading' && <ProgressBar label={`${kind} load progress`} progress={slot.progress ?? STARTING} />}
      {slot.problem && <Problem message={slot.problem.message} hint={slot.problem.hint} takeFocus={!slot.problem.quiet} onDismiss={() => useEngineStore.getState().dismissProblem(kind)} />}
      {slot.model && slot.status === 'ready' && <p className="muted">Loaded: {slot.model.modelName}.</p>}
    </>
  );
}
