export type AreaId = 'generate' | 'models' | 'corpus';

export interface PageProps {
  onNavigate(area: AreaId): void;
}
