import { createRpcClient } from '../../shared/workerRpc';
import type { AnalysisProgress, AnalysisReply, AnalysisRequest } from './protocol';

export const createAnalysisClient = () =>
  createRpcClient<AnalysisRequest, AnalysisReply, AnalysisProgress>(() => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' }), 'analysis worker');
