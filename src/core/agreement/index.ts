export * from './values';
export { krippendorffAlpha, krippendorffAlphaFromMatrix, type AlphaResult } from './krippendorff';
export * from './cohen';
export * from './fleiss';
export * from './ratersTable';
export * from './summary';
