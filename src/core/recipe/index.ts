export * from './schema';
export * from './recipe';
export * from './batchRequests';
export * from './batchResults';
export * from './reviewStatistics';
