export { HubSection } from './HubSection';
export { blobTree } from './blobTree';
export type { BuildHubFiles } from './hubStore';
export type { HubFile } from './hubApi';
