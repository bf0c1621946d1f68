export { RunsPage } from './RunsPage';
export { useRunsStore } from './runsStore';
