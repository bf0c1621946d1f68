export { ModelsPage } from './ModelsPage';
export { ActiveModelBadge } from './ActiveModelBadge';
export { useEngineStore, targetsOf } from './engineStore';
