export { DashboardPanel } from './DashboardPanel';
