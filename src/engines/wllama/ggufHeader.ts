/**
 * Reads a GGUF file's header (magic, version, metadata, tensor table) without the weights, so the lab can reject a
 * wrong, damaged or cut-off file with a clear message before handing it to llama.cpp, which would only say
 * "failed to load".
 *
 * Hostile files cost little: the reader never recurses (nested arrays use an explicit stack), keeps only the few
 * keys the lab needs, and checks every declared count and length against the bytes left in the file before
 * reading or skipping: a count of 2^63 or 12 million keys is answered at once instead of looped over. A value no
 * real model has (a key longer than the format allows, a string of gigabytes, more than 65,536 keys, arrays
 * nested 64 deep) means the file is damaged ("corrupt"); "truncated" is kept for files whose header is sound and
 * whose data is shorter than the tensor table says, or whose header ends, with plausible values, at the end of
 * the file.
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

/** Reads up to `length` bytes at `offset` (fewer only at the end of what is available). */
export type ReadBytesAt = (offset: number, length: number) => Uint8Array;

const MAGIC = 'GGUF';
const DEFAULT_ALIGNMENT = 32;

/** Bounds no real model comes near (largest vocabularies: 256k tokens; headers: a few hundred keys). */
export const GGUF_LIMITS = {
  /** The GGUF specification limits keys to 65,535 bytes. */
  maxKeyBytes: 65_535,
  /** Chat templates, the longest strings in real headers, are tens of KiB (an embedded tokenizer JSON a few MiB). */
  maxStringBytes: 16 * 2 ** 20,
  /** Strings inside arrays are tokens and merges: a few bytes each. */
  maxArrayStringBytes: 65_536,
  maxKeys: 65_536,
  maxArrayItems: 2 ** 26,
  maxArrayNesting: 64,
  maxTensors: 2 ** 20,
  /** GGML_MAX_DIMS. */
  maxDimensions: 4,
} as const;

/** ggml type id -> [elements per block, bytes per block] (ggml.c type_traits). */
const TYPE_BLOCKS: Record<number, readonly [number, number]> = {
  0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], 9: [32, 36],
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], 15: [256, 292],
  16: [256, 66], 17: [256, 74], 18: [256, 98], 19: [256, 50], 20: [32, 18], 21: [256, 110], 22: [256, 82],
  23: [256, 136], 24: [1, 1], 25: [1, 2], 26: [1, 4], 27: [1, 8], 28: [1, 8], 29: [256, 56], 30: [1, 2],
  34: [256, 54], 35: [256, 66], 39: [32, 17],
};
/** Type ids up to this may be ggml types newer than this table (sized as unknown); beyond it they are damage. */
const MAX_PLAUSIBLE_TYPE = 63;

/** Fixed sizes of GGUF scalar value types; 8 (string) and 9 (array) are variable. */
const SCALAR_SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
const STRING = 8;
const ARRAY = 9;

/** The bytes given end before the header does. */
class OutOfBytes extends Error {}
class CorruptHeader extends Error {}
/** A plausible length runs past the end of the file: the file was cut inside its header. */
class CutInHeader extends Error {
  constructor(readonly neededBytes: number, readonly bytesLeft: number) {
    super('cut in header');
  }
}

/**
 * The largest field a real header has: the token list of a 256k vocabulary (8 bytes of length per token). A
 * length past the file's end and over this is damage, not a download cut inside the header.
 */
const MAX_FIELD_BYTES_WHEN_CUT = 2 * 2 ** 20;

/** Bytes read ahead of each request, so that a run of small values costs one read. */
const READ_AHEAD = 4096;

class Reader {
  private offset = 0;
  private window: Uint8Array = new Uint8Array(0);
  private windowStart = 0;
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  private readonly decoder = new TextDecoder();

  /**
   * `available`: how many bytes of the file `readAt` can give (a prefix, or the whole file); `fileBytes`: the
   * file's size, which every declared length is checked against.
   */
  constructor(
    private readonly readAt: ReadBytesAt,
    private readonly available: number,
    readonly fileBytes: number,
  ) {}

  get position(): number {
    return this.offset;
  }

  get bytesLeftInFile(): number {
    return this.fileBytes - this.offset;
  }

  /** Makes `size` bytes at the current offset readable; returns their index in the window. */
  private take(size: number): number {
    if (this.offset + size > this.available) {
      if (this.offset + size > this.fileBytes) throw new CutInHeader(size, this.bytesLeftInFile);
      throw new OutOfBytes();
    }
    if (this.offset < this.windowStart || this.offset + size > this.windowStart + this.window.byteLength) {
      const length = Math.min(this.available - this.offset, Math.max(size, READ_AHEAD));
      this.window = this.readAt(this.offset, length);
      this.windowStart = this.offset;
      this.view = new DataView(this.window.buffer, this.window.byteOffset, this.window.byteLength);
      if (this.window.byteLength < size) throw new OutOfBytes();
    }
    const at = this.offset - this.windowStart;
    this.offset += size;
    return at;
  }

  // take() may move the window, so the view is read only after it.
  u8 = () => {
    const at = this.take(1);
    return this.view.getUint8(at);
  };
  u32 = () => {
    const at = this.take(4);
    return this.view.getUint32(at, true);
  };
  /** A u64 as a number; values beyond 2^53 (never a real size or count) become Infinity so checks reject them. */
  u64 = () => {
    const at = this.take(8);
    const value = this.view.getBigUint64(at, true);
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(value);
  };

  /** Skips `size` bytes that must lie inside the file. */
  skip(size: number): void {
    if (size > this.bytesLeftInFile) throw new CutInHeader(size, this.bytesLeftInFile);
    if (this.offset + size > this.available) throw new OutOfBytes();
    this.offset += size;
  }

  stringBytes(length: number): Uint8Array {
    const at = this.take(length);
    return this.window.subarray(at, at + length);
  }

  decode(bytes: Uint8Array): string {
    return this.decoder.decode(bytes);
  }
}

type MetadataValue = string | number | boolean | null;

/** A declared count or length: damage if implausible, a cut-off file if it cannot fit in what is left. */
function checkDeclared(reader: Reader, what: string, count: number, limit: number, bytesEach: number): void {
  if (!Number.isSafeInteger(count) || count > limit) {
    throw new CorruptHeader(`${what} of ${count === Number.POSITIVE_INFINITY ? 'over 2^53' : count.toLocaleString('en')} is not possible (at most ${limit.toLocaleString('en')})`);
  }
  if (count * bytesEach > reader.bytesLeftInFile) throw new CutInHeader(count * bytesEach, reader.bytesLeftInFile);
}

/** Minimum bytes one item of a type takes, for checking counts against the bytes left. */
function minimumItemBytes(type: number, lengthBytes: number): number {
  if (type === STRING) return lengthBytes;
  if (type === ARRAY) return 4 + lengthBytes;
  return SCALAR_SIZES[type] ?? 1;
}

function readString(reader: Reader, lengthBytes: 4 | 8, limit: number, what: string, keep: boolean): string | null {
  const length = lengthBytes === 8 ? reader.u64() : reader.u32();
  checkDeclared(reader, `${what} length`, length, limit, 1);
  if (!keep) {
    reader.skip(length);
    return null;
  }
  return reader.decode(reader.stringBytes(length));
}

/** Reads (or skips) one metadata value without recursion; only `keep`-ed strings are decoded. */
function readValue(reader: Reader, type: number, lengthBytes: 4 | 8, keep: boolean): MetadataValue {
  switch (type) {
    case 4: return reader.u32();
    case 5: return reader.u32() | 0;
    case 7: return reader.u8() !== 0;
    case STRING: return readString(reader, lengthBytes, GGUF_LIMITS.maxStringBytes, 'string', keep);
    case 10: return reader.u64();
    case ARRAY: {
      // Each open array: its item type and how many items are still to skip.
      const open: { itemType: number; remaining: number }[] = [];
      const openArray = () => {
        if (open.length >= GGUF_LIMITS.maxArrayNesting) {
          throw new CorruptHeader(`arrays nested more than ${GGUF_LIMITS.maxArrayNesting} deep`);
        }
        const itemType = reader.u32();
        const count = lengthBytes === 8 ? reader.u64() : reader.u32();
        if (itemType !== ARRAY && itemType !== STRING && SCALAR_SIZES[itemType] === undefined) {
          throw new CorruptHeader(`unknown array item type ${itemType}`);
        }
        checkDeclared(reader, 'array', count, GGUF_LIMITS.maxArrayItems, minimumItemBytes(itemType, lengthBytes));
        const size = SCALAR_SIZES[itemType];
        if (size !== undefined) reader.skip(size * count);
        else open.push({ itemType, remaining: count });
      };
      openArray();
      while (open.length > 0) {
        const top = open[open.length - 1] as { itemType: number; remaining: number };
        if (top.remaining === 0) {
          open.pop();
          continue;
        }
        top.remaining -= 1;
        if (top.itemType === STRING) readString(reader, lengthBytes, GGUF_LIMITS.maxArrayStringBytes, 'array string', false);
        else openArray();
      }
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

/** Keys whose values the lab uses; every other value is skipped unread. */
function isNeededKey(key: string): boolean {
  return key === 'general.architecture' || key === 'general.name' || key === 'general.alignment'
    || key === 'tokenizer.chat_template' || key.endsWith('.context_length');
}

function describeFirstBytes(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
}

interface TensorExtent {
  offset: number;
  bytes: number | null;
}

/**
 * Where the tensor data must end, or null once a type is unknown to this reader. Like llama.cpp's own loader
 * (gguf.cpp), each tensor must start exactly where the one before it ends, padded to the alignment: a damaged
 * offset or dimension shows as a mismatch here, so it is called damage, not a short file.
 */
function tensorDataEnd(tensors: TensorExtent[], alignment: number): number | null {
  let end = 0;
  for (const [index, tensor] of tensors.entries()) {
    if (tensor.offset !== end) {
      throw new CorruptHeader(`tensor ${index} starts at data offset ${tensor.offset}, not at ${end} where the one before it ends`);
    }
    if (tensor.bytes === null) return null;
    end += Math.ceil(tensor.bytes / alignment) * alignment;
  }
  const last = tensors[tensors.length - 1];
  // The file only needs to hold the last tensor itself, not the padding after it.
  return last && last.bytes !== null ? last.offset + last.bytes : 0;
}

/**
 * Inspects a GGUF file through `readAt`, which can give the first `available` bytes of a file of `fileBytes`
 * bytes. A header that runs past `available` (but not past the file) asks for more bytes.
 */
export function inspectGgufFrom(readAt: ReadBytesAt, available: number, fileBytes: number): GgufInspection {
  if (fileBytes === 0) return { kind: 'empty' };
  if (available < 4 && available < fileBytes) return { kind: 'need-more-bytes' };
  const first = readAt(0, Math.min(4, available));
  if (describeFirstBytes(first) !== MAGIC || first.byteLength < 4) return { kind: 'not-gguf', firstBytes: describeFirstBytes(first) };
  const reader = new Reader(readAt, available, fileBytes);
  try {
    reader.skip(4);
    const version = reader.u32();
    if (version < 1 || version > 3) return { kind: 'unsupported-version', version };
    const lengthBytes = version === 1 ? 4 : 8;
    const tensorCount = lengthBytes === 8 ? reader.u64() : reader.u32();
    const keyCount = lengthBytes === 8 ? reader.u64() : reader.u32();
    checkDeclared(reader, 'tensor count', tensorCount, GGUF_LIMITS.maxTensors, 2 * lengthBytes + 8);
    checkDeclared(reader, 'metadata key count', keyCount, GGUF_LIMITS.maxKeys, lengthBytes + 5);
    const metadata = new Map<string, MetadataValue>();
    for (let i = 0; i < keyCount; i += 1) {
      const key = readString(reader, lengthBytes, GGUF_LIMITS.maxKeyBytes, 'key', true) as string;
      const keep = isNeededKey(key);
      const value = readValue(reader, reader.u32(), lengthBytes, keep);
      if (keep && metadata.size < 64) metadata.set(key, value);
    }
    const tensors: TensorExtent[] = [];
    for (let i = 0; i < tensorCount; i += 1) {
      readString(reader, lengthBytes, GGUF_LIMITS.maxKeyBytes, 'tensor name', false);
      const dims = reader.u32();
      if (dims > GGUF_LIMITS.maxDimensions) throw new CorruptHeader(`a tensor with ${dims} dimensions (at most ${GGUF_LIMITS.maxDimensions})`);
      let elements = 1;
      for (let d = 0; d < dims; d += 1) elements *= lengthBytes === 8 ? reader.u64() : reader.u32();
      if (!Number.isSafeInteger(elements)) throw new CorruptHeader('a tensor with more than 2^53 elements');
      const type = reader.u32();
      const offset = reader.u64();
      if (!Number.isSafeInteger(offset)) throw new CorruptHeader('a tensor data offset over 2^53');
      if (type > MAX_PLAUSIBLE_TYPE) throw new CorruptHeader(`unknown tensor type ${type}`);
      const block = TYPE_BLOCKS[type];
      if (block && elements % block[0] !== 0) throw new CorruptHeader(`a tensor of ${elements} elements in blocks of ${block[0]}`);
      tensors.push({ offset, bytes: block ? (elements / block[0]) * block[1] : null });
    }
    const alignmentValue = metadata.get('general.alignment');
    const alignment = typeof alignmentValue === 'number' && alignmentValue > 0 ? alignmentValue : DEFAULT_ALIGNMENT;
    const dataStart = Math.ceil(reader.position / alignment) * alignment;
    const dataEnd = tensorDataEnd(tensors, alignment);
    // A file without tensors ends with its header; otherwise the data starts at the next aligned offset.
    const expectedBytes = tensors.length === 0 ? reader.position : dataEnd === null ? null : dataStart + dataEnd;
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
    if (error instanceof CutInHeader) {
      // A file cut inside its header runs out in the middle of an ordinary field; a damaged length claims far more.
      if (error.neededBytes <= MAX_FIELD_BYTES_WHEN_CUT) return { kind: 'truncated', actualBytes: fileBytes, expectedBytes: null };
      return {
        kind: 'corrupt',
        reason: `a header field claims ${error.neededBytes.toLocaleString('en')} bytes where the file has ${error.bytesLeft.toLocaleString('en')} left`,
      };
    }
    if (error instanceof OutOfBytes) return { kind: 'need-more-bytes' };
    throw error;
  }
}

/**
 * Inspects a prefix of a file. `fileBytes` is the whole file's size: a header that runs past the prefix asks for
 * more bytes, one that runs past the file's end means the file is cut off.
 */
export function inspectGguf(prefix: Uint8Array, fileBytes: number): GgufInspection {
  return inspectGgufFrom((offset, length) => prefix.subarray(offset, offset + length), Math.min(prefix.byteLength, fileBytes), fileBytes);
}
