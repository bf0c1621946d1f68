export * from './plan';
export * from './checks';
export * from './sampling';
export * from './promptTokens';
export * from './generateDialogue';
export * from './executeRun';
export * from './memoryRunStore';
