import type { DialogueRecord } from '../../core/records/dialogue';

/** A valid stored dialogue for tests; real enough to pass validation, with a short Teacher–Student exchange. */
export const sampleDialogue = (id: string, createdAt: number): DialogueRecord => ({
  id,
  createdAt,
  style: 'TEACHER_STUDENT',
  templateVersionId: 'builtin:TEACHER_STUDENT@v1',
  templateHash: 'h',
  excerptText: 'Let $x = 2$. Then $x^2 = 4$.',
  prompt: [{ role: 'user', content: 'Context: ...' }],
  engine: 'wllama',
  model: 'stories260K.gguf',
  modelKey: 'wllama:stories260K.gguf',
  params: { temperature: 0.7, topP: 0.95, maxTokens: 64, seed: 1, stop: [] },
  seed: 1,
  rawOutput: 'Teacher: hi\nStudent: hello',
  turns: [{ speaker: 'Teacher', text: 'hi' }, { speaker: 'Student', text: 'hello' }],
  stats: { promptTokens: 10, completionTokens: 5, timeToFirstTokenMs: 3, decodeTokensPerSecond: 100, totalMs: 50, finishReason: 'stop' },
  checks: { pass: false, reasons: ['Too short: 5 tokens (at least 50).'], speakers: 2 },
  status: 'complete',
});
