import { segmentOf, type IndexSegment } from './indexSegment';

/** Bumped whenever the byte layout or the tokenizer changes; segments of another format are rebuilt. */
export const SEGMENT_FORMAT = 1;

/** Each stored part is at most this big, so no single IndexedDB value grows with the corpus. */
export const PART_BYTES = 8 * 2 ** 20;

const HEADER_WORDS = 5;
const align8 = (n: number) => Math.ceil(n / 8) * 8;

interface Layout {
  documents: number;
  termCount: number;
  postings: number;
  termBytes: number;
}

/** Byte offsets of each array in the segment's buffer; every one starts 8-aligned so typed views fit. */
function offsets({ documents, termCount, postings, termBytes }: Layout) {
  const at: Record<string, number> = {};
  let cursor = align8(HEADER_WORDS * 4);
  const place = (name: string, bytes: number) => { at[name] = cursor; cursor = align8(cursor + bytes); };
  place('excerptIds', documents * 8);
  place('lengths', documents * 4);
  place('tokens', documents * 4);
  place('mathSpans', documents * 4);
  place('postingStarts', (termCount + 1) * 4);
  place('postingDocs', postings * 2);
  place('postingFreqs', postings);
  place('terms', termBytes);
  return { at: at as Record<'excerptIds' | 'lengths' | 'tokens' | 'mathSpans' | 'postingStarts' | 'postingDocs' | 'postingFreqs' | 'terms', number>, total: cursor };
}

/** The segment as parts of at most PART_BYTES, in order. */
export function segmentToParts(segment: IndexSegment, partBytes = PART_BYTES): ArrayBuffer[] {
  // Words never contain a line break (the tokenizer splits on them), so one joins them unambiguously.
  const termText = new TextEncoder().encode(segment.terms.join('\n'));
  const layout = { documents: segment.excerptIds.length, termCount: segment.terms.length, postings: segment.postingDocs.length, termBytes: termText.length };
  const { at, total } = offsets(layout);
  const buffer = new ArrayBuffer(total);
  new Uint32Array(buffer, 0, HEADER_WORDS).set([SEGMENT_FORMAT, layout.documents, layout.termCount, layout.postings, layout.termBytes]);
  new Float64Array(buffer, at.excerptIds, layout.documents).set(segment.excerptIds);
  new Uint32Array(buffer, at.lengths, layout.documents).set(segment.lengths);
  new Uint32Array(buffer, at.tokens, layout.documents).set(segment.tokens);
  new Uint32Array(buffer, at.mathSpans, layout.documents).set(segment.mathSpans);
  new Uint32Array(buffer, at.postingStarts, layout.termCount + 1).set(segment.postingStarts);
  new Uint16Array(buffer, at.postingDocs, layout.postings).set(segment.postingDocs);
  new Uint8Array(buffer, at.postingFreqs, layout.postings).set(segment.postingFreqs);
  new Uint8Array(buffer, at.terms, layout.termBytes).set(termText);
  const parts: ArrayBuffer[] = [];
  for (let start = 0; start < total; start += partBytes) parts.push(buffer.slice(start, Math.min(total, start + partBytes)));
  return parts;
}

/** Rebuilds a segment from its parts; the typed arrays are views on one buffer, nothing is parsed but the words. */
export function segmentFromParts(parts: ArrayBuffer[]): IndexSegment {
  let buffer: ArrayBuffer;
  if (parts.length === 1) buffer = parts[0]!;
  else {
    const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
    let cursor = 0;
    for (const part of parts) { joined.set(new Uint8Array(part), cursor); cursor += part.byteLength; }
    buffer = joined.buffer;
  }
  if (buffer.byteLength < HEADER_WORDS * 4) throw new Error('A stored search segment is truncated.');
  const [format, documents, termCount, postings, termBytes] = new Uint32Array(buffer, 0, HEADER_WORDS);
  if (format !== SEGMENT_FORMAT) throw new Error(`A stored search segment has format ${format}, expected ${SEGMENT_FORMAT}.`);
  const layout = { documents: documents!, termCount: termCount!, postings: postings!, termBytes: termBytes! };
  const { at, total } = offsets(layout);
  if (buffer.byteLength !== total) throw new Error(`A stored search segment has ${buffer.byteLength} bytes, expected ${total}.`);
  const termText = new TextDecoder().decode(new Uint8Array(buffer, at.terms, layout.termBytes));
  return segmentOf({
    terms: layout.termCount === 0 ? [] : termText.split('\n'),
    excerptIds: new Float64Array(buffer, at.excerptIds, layout.documents),
    lengths: new Uint32Array(buffer, at.lengths, layout.documents),
    tokens: new Uint32Array(buffer, at.tokens, layout.documents),
    mathSpans: new Uint32Array(buffer, at.mathSpans, layout.documents),
    postingStarts: new Uint32Array(buffer, at.postingStarts, layout.termCount + 1),
    postingDocs: new Uint16Array(buffer, at.postingDocs, layout.postings),
    postingFreqs: new Uint8Array(buffer, at.postingFreqs, layout.postings),
  });
}
