import type { AdapterReport, WebGpuReport } from './catalog';

interface AdapterLike {
  features: ReadonlySet<string>;
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  /** Older Chromium exposed it on the adapter; newer puts it in `info`. */
  isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

/** Asks the browser for a WebGPU adapter, in the page: cheap, and needs no web-llm. */
export async function probeWebGpu(nav: Navigator = navigator): Promise<WebGpuReport> {
  const gpu = (nav as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return { available: false, reason: 'this browser has no navigator.gpu (WebGPU is off or unsupported)' };
  let adapter: AdapterLike | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (error) {
    return { available: false, reason: `requestAdapter failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!adapter) return { available: false, reason: 'the browser found no WebGPU adapter (GPU blocklisted or disabled)' };
  return { available: true, adapter: describeAdapter(adapter, nav) };
}

function describeAdapter(adapter: AdapterLike, nav: Navigator): AdapterReport {
  const info = adapter.info ?? {};
  const deviceMemory = (nav as Navigator & { deviceMemory?: number }).deviceMemory;
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false,
    features: [...adapter.features].sort(),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    deviceMemoryGiB: typeof deviceMemory === 'number' ? deviceMemory : null,
  };
}
