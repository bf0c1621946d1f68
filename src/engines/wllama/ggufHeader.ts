/**
 * Reads a GGUF file's header (magic, version, metadata, tensor table) without the weights, so the lab can reject a
 * wrong or cut-off file with a clear message before handing it to llama.cpp, which would only say "failed to load".
 */

export interface GgufSummary {
  version: number;
  tensorCount: number;
  architecture: string | null;
  name: string | null;
  /** The training context length from `<arch>.context_length`. */
  contextLength: number | null;
  hasChatTemplate: boolean;
  /** Size the file must have to hold every tensor; null when a tensor type is unknown to this reader. */
  expectedBytes: number | null;
}

export type GgufInspection =
  | { kind: 'ok'; summary: GgufSummary }
  | { kind: 'empty' }
  | { kind: 'not-gguf'; firstBytes: string }
  | { kind: 'unsupported-version'; version: number }
  | { kind: 'truncated'; actualBytes: number; expectedBytes: number | null }
  | { kind: 'corrupt'; reason: string }
  /** The header goes on past the bytes given: read a longer prefix of the file and try again. */
  | { kind: 'need-more-bytes' };

const MAGIC = 'GGUF';
const DEFAULT_ALIGNMENT = 32;

/** ggml type id -> [elements per block, bytes per block] (ggml.c type_traits). */
const TYPE_BLOCKS: Record<number, readonly [number, number]> = {
  0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], 9: [32, 36],
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], 15: [256, 292],
  16: [256, 66], 17: [256, 74], 18: [256, 98], 19: [256, 50], 20: [32, 18], 21: [256, 110], 22: [256, 82],
  23: [256, 136], 24: [1, 1], 25: [1, 2], 26: [1, 4], 27: [1, 8], 28: [1, 8], 29: [256, 56], 30: [1, 2],
  34: [256, 54], 35: [256, 66], 39: [32, 17],
};

class OutOfBytes extends Error {}
class CorruptHeader extends Error {}

class Reader {
  private offset = 0;
  private readonly view: DataView;
  private readonly decoder = new TextDecoder();

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get position(): number {
    return this.offset;
  }

  private take(size: number): number {
    if (this.offset + size > this.bytes.byteLength) throw new OutOfBytes();
    const at = this.offset;
    this.offset += size;
    return at;
  }

  u8 = () => this.view.getUint8(this.take(1));
  u16 = () => this.view.getUint16(this.take(2), true);
  u32 = () => this.view.getUint32(this.take(4), true);
  u64 = () => Number(this.view.getBigUint64(this.take(8), true));
  skip = (size: number) => void this.take(size);

  string(lengthBytes: 4 | 8): string {
    const length = lengthBytes === 8 ? this.u64() : this.u32();
    const at = this.take(length);
    return this.decoder.decode(this.bytes.subarray(at, at + length));
  }
}

type MetadataValue = string | number | boolean | null;

/** Fixed sizes of GGUF scalar value types; 8 (string) and 9 (array) are variable. */
const SCALAR_SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

function readValue(reader: Reader, type: number, lengthBytes: 4 | 8): MetadataValue {
  switch (type) {
    case 4: return reader.u32();
    case 5: return reader.u32() | 0;
    case 7: return reader.u8() !== 0;
    case 8: return reader.string(lengthBytes);
    case 10: return reader.u64();
    case 9: {
      const itemType = reader.u32();
      const count = lengthBytes === 8 ? reader.u64() : reader.u32();
      const itemSize = SCALAR_SIZES[itemType];
      if (itemSize !== undefined) reader.skip(itemSize * count);
      else for (let i = 0; i < count; i += 1) readValue(reader, itemType, lengthBytes);
      return null;
    }
    default: {
      const size = SCALAR_SIZES[type];
      if (size === undefined) throw new CorruptHeader(`unknown metadata value type ${type}`);
      reader.skip(size);
      return null;
    }
  }
}

function describeFirstBytes(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
}

/**
 * Inspects a prefix of a file. `fileBytes` is the whole file's size: a header that runs past the prefix asks for
 * more bytes, one that runs past the file's end means the file is cut off.
 */
export function inspectGguf(prefix: Uint8Array, fileBytes: number): GgufInspection {
  if (fileBytes === 0) return { kind: 'empty' };
  if (prefix.byteLength < 4 && prefix.byteLength < fileBytes) return { kind: 'need-more-bytes' };
  if (describeFirstBytes(prefix) !== MAGIC || prefix.byteLength < 4) return { kind: 'not-gguf', firstBytes: describeFirstBytes(prefix) };
  const reader = new Reader(prefix);
  try {
    reader.skip(4);
    const version = reader.u32();
    if (version < 1 || version > 3) return { kind: 'unsupported-version', version };
    const lengthBytes = version === 1 ? 4 : 8;
    const tensorCount = lengthBytes === 8 ? reader.u64() : reader.u32();
    const kvCount = lengthBytes === 8 ? reader.u64() : reader.u32();
    const metadata = new Map<string, MetadataValue>();
    for (let i = 0; i < kvCount; i += 1) {
      const key = reader.string(lengthBytes);
      metadata.set(key, readValue(reader, reader.u32(), lengthBytes));
    }
    let dataBytes: number | null = 0;
    for (let i = 0; i < tensorCount; i += 1) {
      reader.string(lengthBytes);
      const dims = reader.u32();
      let elements = 1;
      for (let d = 0; d < dims; d += 1) elements *= lengthBytes === 8 ? reader.u64() : reader.u32();
      const block = TYPE_BLOCKS[reader.u32()];
      const offset = reader.u64();
      dataBytes = block && dataBytes !== null ? Math.max(dataBytes, offset + (elements / block[0]) * block[1]) : null;
    }
    const alignmentValue = metadata.get('general.alignment');
    const alignment = typeof alignmentValue === 'number' && alignmentValue > 0 ? alignmentValue : DEFAULT_ALIGNMENT;
    const dataStart = Math.ceil(reader.position / alignment) * alignment;
    const expectedBytes = dataBytes === null ? null : dataStart + dataBytes;
    if (expectedBytes !== null && fileBytes < expectedBytes) return { kind: 'truncated', actualBytes: fileBytes, expectedBytes };
    const architecture = metadata.get('general.architecture');
    const arch = typeof architecture === 'string' ? architecture : null;
    const contextLength = arch ? metadata.get(`${arch}.context_length`) : undefined;
    const name = metadata.get('general.name');
    return {
      kind: 'ok',
      summary: {
        version,
        tensorCount,
        architecture: arch,
        name: typeof name === 'string' ? name : null,
        contextLength: typeof contextLength === 'number' ? contextLength : null,
        hasChatTemplate: typeof metadata.get('tokenizer.chat_template') === 'string',
        expectedBytes,
      },
    };
  } catch (error) {
    if (error instanceof CorruptHeader) return { kind: 'corrupt', reason: error.message };
    if (!(error instanceof OutOfBytes)) throw error;
    return prefix.byteLength < fileBytes ? { kind: 'need-more-bytes' } : { kind: 'truncated', actualBytes: fileBytes, expectedBytes: null };
  }
}
