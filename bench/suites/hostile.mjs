// Hostile input: chunking throughput on normal OWM text against the worst adversarial family, and the GGUF
// header check on the shared models and on 300 MiB adversarial headers (written to a temp file, then removed).
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importTypeScript } from '../../cli/loadTypeScript.mjs';

export const title = 'Hostile input: chunking throughput (normal vs worst hostile family) and GGUF header check time';

const MiB = 2 ** 20;
const FAMILY_CHARS = Number(process.env.HOSTILE_BENCH_CHARS ?? 2_000_000);
const SAMPLE = resolve('../shared/data/owm_sample.jsonl');
const MODELS = ['stories260K.gguf', 'stories260K-chatml.gguf', 'llama-2-tiny-random.gguf'].map((name) => resolve('../shared/models', name));

/** Best wall time of `runs` runs after one warm-up, in ms. */
function best(runs, work) {
  work();
  let fastest = Infinity;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

/** A synchronous windowed reader over a file, as the GGUF worker reads a Blob with FileReaderSync. */
function fileReader(path) {
  const fd = openSync(path, 'r');
  const size = statSync(path).size;
  const readAt = (offset, length) => {
    const buffer = new Uint8Array(length);
    const read = readSync(fd, buffer, 0, length, offset);
    return buffer.subarray(0, read);
  };
  return { size, readAt, close: () => closeSync(fd) };
}

/** Writes a GGUF v3 header of about `bytes` bytes: `keys` keys, each a string value of the size that fills it. */
function writeAdversarialHeader(path, { keys, bytes }) {
  const fd = openSync(path, 'w');
  const head = Buffer.alloc(24);
  head.write('GGUF', 0, 'latin1');
  head.writeUInt32LE(3, 4);
  head.writeBigUInt64LE(0n, 8);
  head.writeBigUInt64LE(BigInt(keys), 16);
  writeSync(fd, head);
  const valueBytes = Math.max(1, Math.floor(bytes / keys) - 30);
  const value = Buffer.alloc(valueBytes, 97);
  const batch = [];
  let batchBytes = 0;
  for (let i = 0; i < keys; i += 1) {
    const key = Buffer.from(`k.${i}`);
    const entry = Buffer.alloc(8 + key.length + 4 + 8);
    entry.writeBigUInt64LE(BigInt(key.length), 0);
    key.copy(entry, 8);
    entry.writeUInt32LE(8, 8 + key.length);
    entry.writeBigUInt64LE(BigInt(valueBytes), 12 + key.length);
    batch.push(entry, value);
    batchBytes += entry.length + value.length;
    if (batchBytes > 8 * MiB) {
      writeSync(fd, Buffer.concat(batch));
      batch.length = 0;
      batchBytes = 0;
    }
  }
  if (batch.length) writeSync(fd, Buffer.concat(batch));
  closeSync(fd);
}

export async function run() {
  const core = await importTypeScript('bench/suites/hostile.core.ts');
  const figures = [];
  const push = (figure) => {
    console.log(`  ${figure.label}: ${typeof figure.value === 'number' ? +figure.value.toFixed(3) : figure.value} ${figure.unit ?? ''}`);
    figures.push(figure);
  };

  // Chunking: the sample's documents, as one batch, against each hostile family of the same total size.
  const documents = readFileSync(SAMPLE, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line).text);
  const sampleChars = documents.reduce((sum, text) => sum + text.length, 0);
  const normalMs = best(5, () => { for (const text of documents) core.chunkDocument(text); });
  const normalRate = sampleChars / MiB / (normalMs / 1000);
  push({ label: `chunking, normal OWM text (${documents.length} sample documents, ${(sampleChars / MiB).toFixed(2)} Mi chars)`, value: normalRate, unit: 'Mi chars/s', how: 'best of 5 after a warm-up, one thread' });
  let worst = { name: '', rate: Infinity };
  for (const family of core.HOSTILE_FAMILIES) {
    const text = family.make(FAMILY_CHARS);
    const ms = best(3, () => core.chunkDocument(text));
    const rate = text.length / MiB / (ms / 1000);
    if (rate < worst.rate) worst = { name: family.name, rate };
    push({ label: `chunking, hostile: ${family.name} (${(text.length / MiB).toFixed(1)} Mi chars, one document)`, value: rate, unit: 'Mi chars/s', how: 'best of 3' });
  }
  push({
    label: `chunking, worst hostile family (${worst.name}) slower than normal text by`,
    value: normalRate / worst.rate,
    unit: '×',
    goal: '≤ 3×',
    met: normalRate / worst.rate <= 3,
    how: 'normal Mi chars/s ÷ worst family Mi chars/s',
  });

  // GGUF header check on the shared models (reading through a windowed reader as the worker does).
  for (const path of MODELS.filter((p) => existsSync(p))) {
    const file = fileReader(path);
    try {
      let kind = '';
      const ms = best(5, () => { kind = core.inspectGgufFrom(file.readAt, file.size, file.size).kind; });
      push({ label: `GGUF check, ${path.split('/').pop()} (${(file.size / MiB).toFixed(2)} MiB): ${kind}`, value: ms, unit: 'ms', how: 'best of 5' });
    } finally {
      file.close();
    }
  }

  // 300 MiB adversarial headers: 12 million keys (refused from the count), and 65,536 keys of 4.7 KB strings
  // (within every limit, so the whole header is walked).
  for (const shape of [{ keys: 12_000_000, bytes: 300 * MiB }, { keys: 65_536, bytes: 300 * MiB }]) {
    const path = join(tmpdir(), `mind-lab-hostile-${process.pid}.gguf`);
    try {
      writeAdversarialHeader(path, shape);
      const file = fileReader(path);
      try {
        let result = null;
        const heapBefore = process.memoryUsage().heapUsed;
        const ms = best(3, () => { result = core.inspectGgufFrom(file.readAt, file.size, file.size); });
        const heapAfter = process.memoryUsage().heapUsed;
        push({
          label: `GGUF check, adversarial ${(file.size / MiB).toFixed(0)} MiB header with ${shape.keys.toLocaleString('en')} keys: ${result.kind}${result.reason ? ` (${result.reason})` : ''}`,
          value: ms,
          unit: 'ms',
          how: `best of 3; heap grew ${((heapAfter - heapBefore) / MiB).toFixed(1)} MiB`,
        });
      } finally {
        file.close();
      }
    } finally {
      rmSync(path, { force: true });
    }
  }
  return figures;
}
