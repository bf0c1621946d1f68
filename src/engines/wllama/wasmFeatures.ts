/** JSPI lets wllama read the model file lazily instead of copying it into wasm memory first. */
export const supportsJspi = (): boolean => typeof (WebAssembly as { Suspending?: unknown }).Suspending === 'function';

/** The wllama build uses 64-bit wasm memory; browsers without it would need the CDN "compat" build. */
export function supportsMemory64(): boolean {
  try {
    new WebAssembly.Memory({ address: 'i64', initial: BigInt(1) } as unknown as WebAssembly.MemoryDescriptor);
    return true;
  } catch {
    return false;
  }
}
