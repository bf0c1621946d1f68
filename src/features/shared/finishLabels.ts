import type { FinishReason } from '../../core/types';

/** How every area names the way a generation ended. */
export const FINISH_LABELS: Record<FinishReason, string> = {
  stop: 'finished',
  length: 'hit max tokens',
  context: 'context full',
  abort: 'stopped by you',
  error: 'error',
};
