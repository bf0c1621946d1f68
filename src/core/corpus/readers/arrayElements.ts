import { BACKSLASH, concatBytes, NEWLINE, QUOTE } from './bytes';

/** A complete top-level element; `bytes` is null for one over the limit (`size` then says how large it was). */
export interface ArrayElement {
  line: number;
  bytes: Uint8Array | null;
  size: number;
}

/**
 * Splits the bytes of a top-level JSON array into its elements without parsing them, chunk by chunk: an element
 * cut at a chunk's end is continued with the next one, and one over `maxElementBytes` is only counted, never held.
 */
export class ArrayElementScanner {
  depth = 0;
  line = 1;
  closed = false;
  private inString = false;
  private escaped = false;
  private elementStart = -1;
  private elementLine = 0;
  private parts: Uint8Array[] = [];
  private partsBytes = 0;
  /** The open element went over maxElementBytes: its bytes are no longer kept, only counted. */
  private overLimit = false;
  /** Complete elements, in order; the caller empties the list after taking them. */
  readonly elements: ArrayElement[] = [];
  /** Something other than whitespace follows the closing "]". */
  trailing = false;

  constructor(private readonly maxElementBytes: number = Number.POSITIVE_INFINITY) {}

  get insideElement(): boolean {
    return this.elementStart >= 0 || this.parts.length > 0 || this.overLimit;
  }

  get openElementLine(): number {
    return this.elementLine;
  }

  private begin(index: number): void {
    if (this.elementStart < 0) {
      this.elementStart = index;
      this.elementLine = this.line;
    }
  }

  private finish(bytes: Uint8Array, end: number): void {
    const size = this.partsBytes + (this.elementStart >= 0 ? end - this.elementStart : 0);
    if (this.overLimit || size > this.maxElementBytes) {
      this.elements.push({ line: this.elementLine, bytes: null, size });
    } else {
      if (this.elementStart >= 0) this.parts.push(bytes.subarray(this.elementStart, end));
      if (this.parts.length > 0) this.elements.push({ line: this.elementLine, bytes: concatBytes(this.parts), size });
    }
    this.parts = [];
    this.partsBytes = 0;
    this.overLimit = false;
    this.elementStart = -1;
  }

  /** Scans `bytes` from `from`; complete elements are appended to `elements`. */
  scan(bytes: Uint8Array, from: number): void {
    const length = bytes.length;
    let i = from;
    // An element cut at the previous chunk's end continues from the start of this one.
    if (this.parts.length > 0 || this.overLimit) this.elementStart = from;
    while (i < length) {
      if (this.closed) {
        const byte = bytes[i] as number;
        if (byte === NEWLINE) this.line += 1;
        else if (byte !== 32 && byte !== 9 && byte !== 13) this.trailing = true;
        i += 1;
        continue;
      }
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i += 1;
          continue;
        }
        const quote = bytes.indexOf(QUOTE, i);
        const stop = quote < 0 ? length : quote;
        let backslashes = 0;
        for (let k = stop - 1; k >= i && bytes[k] === BACKSLASH; k -= 1) backslashes += 1;
        if (quote < 0) {
          this.escaped = backslashes % 2 === 1;
          i = length;
        } else {
          if (backslashes % 2 === 0) this.inString = false;
          i = quote + 1;
        }
        continue;
      }
      const byte = bytes[i] as number;
      switch (byte) {
        case NEWLINE:
          this.line += 1;
          break;
        case 32:
        case 9:
        case 13:
          break;
        case QUOTE:
          if (this.depth === 1) this.begin(i);
          this.inString = true;
          break;
        case 123: // {
        case 91: // [
          if (this.depth === 1) this.begin(i);
          this.depth += 1;
          break;
        case 125: // }
        case 93: // ]
          this.depth -= 1;
          if (this.depth === 0) {
            this.finish(bytes, i);
            this.closed = true;
          }
          break;
        case 44: // ,
          if (this.depth === 1) this.finish(bytes, i);
          break;
        default:
          if (this.depth === 1) this.begin(i);
      }
      i += 1;
    }
    if (this.elementStart >= 0) {
      this.partsBytes += length - this.elementStart;
      if (this.partsBytes > this.maxElementBytes) {
        this.overLimit = true;
        this.parts = [];
      } else {
        this.parts.push(bytes.slice(this.elementStart));
      }
      this.elementStart = -1;
    }
  }
}
