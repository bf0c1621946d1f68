import type { WebGpuReport } from '../../../engines/webllm';
import { formatBytes } from '../../shared';

export function DeviceReport({ gpu }: { gpu: WebGpuReport | null }) {
  if (!gpu) return <p className="muted">Checking WebGPU…</p>;
  if (!gpu.available) {
    return (
      <p role="status" className="webllm-no-gpu">
        <strong>No WebGPU</strong>: {gpu.reason}. WebLLM cannot run here; use the wllama CPU engine instead.
      </p>
    );
  }
  const { adapter } = gpu;
  const hasF16 = adapter.features.includes('shader-f16');
  const items: [string, string][] = [
    ['Adapter', [adapter.vendor, adapter.architecture, adapter.device, adapter.description].filter(Boolean).join(' · ') || 'unnamed'],
    ['Fallback (software) adapter', adapter.isFallbackAdapter ? 'yes: slow, runs in system memory' : 'no'],
    ['shader-f16', hasF16 ? 'available' : 'not available: only f32 models run'],
    ['maxBufferSize', formatBytes(adapter.maxBufferSize)],
    ['maxStorageBufferBindingSize', formatBytes(adapter.maxStorageBufferBindingSize)],
    ['Device memory (reported)', adapter.deviceMemoryGiB === null ? 'unknown' : `${adapter.deviceMemoryGiB} GiB or more`],
  ];
  return (
    <dl className="webllm-device" aria-label="WebGPU device report">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
