/**
 * FNV-1a over UTF-16 code units, fed line by line so a backup of any size is summed while it streams. It detects
 * accidental damage (a cut, an edited or swapped line); it is not a defence against someone forging a file.
 */
export class LineChecksum {
  private hash = 0x811c9dc5;

  add(line: string): void {
    let hash = this.hash;
    for (let i = 0; i < line.length; i += 1) {
      hash ^= line.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= 0x0a;
    this.hash = Math.imul(hash, 0x01000193);
  }

  digest(): string {
    return `fnv1a32:${(this.hash >>> 0).toString(16).padStart(8, '0')}`;
  }
}
