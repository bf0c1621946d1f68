export * from './values';
export { krippendorffAlpha, krippendorffAlphaFromMatrix, type AlphaResult } from './krippendorff';
export * from './cohen';
export * from './fleiss';
