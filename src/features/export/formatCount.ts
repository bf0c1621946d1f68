/** A count with thousands separators (12,345): the shared formatNumber gives decimals, which counts never have. */
export const formatCount = (count: number): string => count.toLocaleString('en-US');
