export { ModelsPage } from './ModelsPage';
export { ActiveModelBadge } from './ActiveModelBadge';
export { useEngineStore, targetsOf, engineKindOfKey } from './engineStore';
