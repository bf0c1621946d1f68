export * from './readCsv';
export * from './writeCsv';
