export { TurnEditor } from './TurnEditor';
export { EditDiff } from './EditDiff';
export { EditedBadge } from './EditedBadge';
export { EditHistory } from './EditHistory';
export type { TurnEditsProps as TurnEditorProps } from './useTurnEdits';
