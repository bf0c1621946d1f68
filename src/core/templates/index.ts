export * from './schema';
export * from './variables';
export * from './builtins';
export * from './versions';
export * from './templateFile';
