import type { FinishReason, GenerationStats } from '../types';

/** Measures a generation from the caller's side, so every engine reports the same figures the same way. */
export class StatsClock {
  private readonly startedAt = performance.now();
  private firstTokenAt: number | null = null;
  private lastTokenAt: number | null = null;

  markToken(): void {
    const now = performance.now();
    this.firstTokenAt ??= now;
    this.lastTokenAt = now;
  }

  finish(promptTokens: number, completionTokens: number, finishReason: FinishReason): GenerationStats {
    const end = performance.now();
    const decodeMs = this.firstTokenAt !== null && this.lastTokenAt !== null ? this.lastTokenAt - this.firstTokenAt : 0;
    // The first token's latency is prefill; decode speed counts the tokens after it.
    const decodeTokens = Math.max(0, completionTokens - 1);
    return {
      promptTokens,
      completionTokens,
      timeToFirstTokenMs: this.firstTokenAt === null ? null : this.firstTokenAt - this.startedAt,
      decodeTokensPerSecond: decodeMs > 0 && decodeTokens > 0 ? (decodeTokens * 1000) / decodeMs : null,
      totalMs: end - this.startedAt,
      finishReason,
    };
  }
}
