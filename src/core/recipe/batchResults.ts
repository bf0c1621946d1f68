import { z } from 'zod';
import { estimateTokens } from '../chunking/estimateTokens';
import { buildDialogueRecord } from '../generation/generateDialogue';
import type { DialogueRecord } from '../records/dialogue';
import { renderTemplate } from '../templates/variables';
import type { ChatMessage, GenerationStats } from '../types';
import { CHAT_COMPLETIONS_URL, modelKeyOfRecipe } from './batchRequests';
import type { Recipe, RecipeStyle } from './schema';

/**
 * Batch results back into the lab: output lines (in any order, from vLLM's run-batch, an OpenAI-style batch API,
 * Ray Data or `mind-lab generate`) joined on custom_id with the request lines they answer, and with the source lines
 * `mind-lab batch` wrote beside them when given. Every line that does not become a dialogue is reported by file and
 * line, errors included.
 */

const messageSchema = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() });

export const batchRequestLineSchema = z.object({
  custom_id: z.string().min(1),
  method: z.literal('POST'),
  url: z.literal(CHAT_COMPLETIONS_URL),
  body: z.looseObject({
    model: z.string().min(1),
    messages: z.array(messageSchema).min(1),
    temperature: z.number(),
    top_p: z.number(),
    max_tokens: z.number().int().positive(),
    seed: z.number().int(),
    stop: z.array(z.string()).optional(),
  }),
});
export type BatchRequest = z.infer<typeof batchRequestLineSchema>;

export const batchOutputLineSchema = z.object({
  id: z.string().optional(),
  custom_id: z.string().min(1),
  response: z
    .object({
      status_code: z.number().int(),
      request_id: z.string().nullable().optional(),
      body: z.unknown(),
    })
    .nullable(),
  error: z.looseObject({ code: z.union([z.string(), z.number()]).nullable().optional(), message: z.string().nullable().optional() }).nullable(),
});
export type BatchOutput = z.infer<typeof batchOutputLineSchema>;

export const batchSourceLineSchema = z.object({
  custom_id: z.string().min(1),
  style: z.string().min(1),
  templateVersionId: z.string().min(1),
  templateHash: z.string().min(1),
  sampleIndex: z.number().int().nonnegative(),
  excerptId: z.string().optional(),
  documentId: z.string().optional(),
  url: z.string().nullable().optional(),
  index: z.number().int().nonnegative().optional(),
});
export type BatchSource = z.infer<typeof batchSourceLineSchema>;

const chatCompletionSchema = z.looseObject({
  id: z.string().optional(),
  created: z.number().optional(),
  model: z.string().optional(),
  choices: z
    .array(z.looseObject({ message: z.looseObject({ content: z.string().nullable().optional() }), finish_reason: z.string().nullable().optional() }))
    .min(1),
  usage: z.looseObject({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() }).nullable().optional(),
});

export type BatchFileKind = 'requests' | 'outputs' | 'sources';

/** What a line of a batch file is, from its shape: lets a person hand in every file of a batch folder at once. */
export function batchLineKind(json: unknown): BatchFileKind | null {
  if (typeof json !== 'object' || json === null) return null;
  if ('body' in json && 'method' in json) return 'requests';
  if ('response' in json || 'error' in json) return 'outputs';
  if ('templateHash' in json && 'custom_id' in json) return 'sources';
  return null;
}

export interface NamedText {
  name: string;
  text: string;
}

export interface LineProblem {
  file: string;
  line: number;
  message: string;
}

export interface BatchImport {
  dialogues: DialogueRecord[];
  problems: LineProblem[];
  counts: { requests: number; outputs: number; dialogues: number; errors: number; unanswered: number };
}

interface Numbered<T> {
  file: string;
  line: number;
  value: T;
}

/** Each non-blank line of a file, parsed with `schema`; a line that does not fit is a problem, not a stop. */
function readLines<T>(file: NamedText, schema: z.ZodType<T>, kind: string, problems: LineProblem[]): Numbered<T>[] {
  const rows: Numbered<T>[] = [];
  const lines = file.text.split('\n');
  lines.forEach((raw, index) => {
    if (!raw.trim()) return;
    const line = index + 1;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      problems.push({ file: file.name, line, message: index === lines.length - 1 ? 'not valid JSON (a cut-off last line?)' : 'not valid JSON' });
      return;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) rows.push({ file: file.name, line, value: parsed.data });
    else {
      const issue = parsed.error.issues[0];
      problems.push({ file: file.name, line, message: `not a ${kind} line: ${issue?.path.join('.') || 'line'}: ${issue?.message}` });
    }
  });
  return rows;
}

function byCustomId<T extends { custom_id: string }>(rows: Numbered<T>[], kind: string, problems: LineProblem[]): Map<string, Numbered<T>> {
  const map = new Map<string, Numbered<T>>();
  for (const row of rows) {
    const first = map.get(row.value.custom_id);
    if (first) problems.push({ file: row.file, line: row.line, message: `${kind} ${row.value.custom_id} again (first at ${first.file}:${first.line}); the first is kept` });
    else map.set(row.value.custom_id, row);
  }
  return map;
}

const SENTINEL = '\u0000mind-lab-context\u0000';

/**
 * The excerpt a style's rendered messages hold, or null when these messages are not that style's. Rendering puts the
 * trimmed excerpt once between fixed text, so it is what lies between the rendered text before and after it.
 */
export function excerptFromMessages(style: Pick<RecipeStyle, 'content'>, messages: readonly ChatMessage[]): string | null {
  const shape = renderTemplate(style.content, SENTINEL);
  if (shape.length !== messages.length) return null;
  let excerpt: string | null = null;
  for (const [index, expected] of shape.entries()) {
    const actual = messages[index]!;
    if (actual.role !== expected.role) return null;
    const at = expected.content.indexOf(SENTINEL);
    if (at < 0) {
      if (actual.content !== expected.content) return null;
      continue;
    }
    const before = expected.content.slice(0, at);
    const after = expected.content.slice(at + SENTINEL.length);
    if (actual.content.length < before.length + after.length || !actual.content.startsWith(before) || !actual.content.endsWith(after)) return null;
    excerpt = actual.content.slice(before.length, actual.content.length - after.length);
  }
  if (!excerpt?.trim()) return null;
  // The found excerpt must render back to exactly these messages (an excerpt may hold text that looks like the template).
  const again = renderTemplate(style.content, excerpt);
  return again.every((message, index) => message.content === messages[index]?.content) ? excerpt : null;
}

function styleOf(recipe: Recipe, request: BatchRequest, source: BatchSource | undefined): { style: RecipeStyle; excerpt: string } | string {
  const candidates = source ? recipe.styles.filter((s) => s.templateHash === source.templateHash) : recipe.styles;
  if (source && candidates.length === 0) return `its template ${source.templateHash.slice(0, 12)} (${source.style}) is not in the recipe "${recipe.name}"`;
  for (const style of candidates) {
    const excerpt = excerptFromMessages(style, request.body.messages);
    if (excerpt !== null) return { style, excerpt };
  }
  return `its prompt was not rendered from any template of the recipe "${recipe.name}" (import the recipe the batch was made from)`;
}

function finishReasonOf(reason: string | null | undefined): GenerationStats['finishReason'] {
  return reason === 'length' ? 'length' : 'stop';
}

function describeError(output: BatchOutput): string {
  if (output.error) return `error${output.error.code != null ? ` ${output.error.code}` : ''}: ${output.error.message ?? 'no message'}`;
  const body = output.response?.body as { error?: { message?: string } } | undefined;
  return `HTTP ${output.response?.status_code}${body?.error?.message ? `: ${body.error.message}` : ''}`;
}

/**
 * Joins the files into dialogues with their recipe provenance: template version and hash from the recipe, the
 * request's model, sampling and seed, custom_id as workItemId, and the dialogue named after its custom_id (so an
 * import done twice, or a dialogue the lab made itself for the same item, is one dialogue).
 */
export function joinBatchResults(input: { recipe: Recipe; requests: readonly NamedText[]; outputs: readonly NamedText[]; sources?: readonly NamedText[]; now?: number }): BatchImport {
  const { recipe } = input;
  const problems: LineProblem[] = [];
  const requestRows = input.requests.flatMap((file) => readLines(file, batchRequestLineSchema, 'batch request', problems));
  const outputRows = input.outputs.flatMap((file) => readLines(file, batchOutputLineSchema, 'batch output', problems));
  const sourceRows = (input.sources ?? []).flatMap((file) => readLines(file, batchSourceLineSchema, 'batch source', problems));
  const requests = byCustomId(requestRows, 'request', problems);
  const outputs = byCustomId(outputRows, 'answer for', problems);
  const sources = byCustomId(sourceRows, 'source of', problems);
  const now = input.now ?? Date.now();
  const dialogues: DialogueRecord[] = [];
  let errors = 0;

  for (const [customId, { file, line, value: output }] of outputs) {
    const at = { file, line };
    const request = requests.get(customId)?.value;
    if (!request) {
      problems.push({ ...at, message: `no request with custom_id ${customId} in the request files given` });
      continue;
    }
    if (output.error || !output.response || output.response.status_code !== 200) {
      errors += 1;
      problems.push({ ...at, message: `${customId} failed: ${describeError(output)}` });
      continue;
    }
    const completion = chatCompletionSchema.safeParse(output.response.body);
    if (!completion.success) {
      problems.push({ ...at, message: `${customId}: the answer is not a chat completion (${completion.error.issues[0]?.path.join('.')}: ${completion.error.issues[0]?.message})` });
      continue;
    }
    const raw = completion.data.choices[0]!.message.content ?? '';
    if (!raw.trim()) {
      problems.push({ ...at, message: `${customId}: the model returned no text` });
      continue;
    }
    const source = sources.get(customId)?.value;
    const matched = styleOf(recipe, request, source);
    if (typeof matched === 'string') {
      problems.push({ ...at, message: `${customId}: ${matched}` });
      continue;
    }
    const { style, excerpt } = matched;
    const { body } = request;
    const usage = completion.data.usage;
    const stats: GenerationStats = {
      promptTokens: usage?.prompt_tokens ?? 0,
      completionTokens: usage?.completion_tokens ?? estimateTokens(raw),
      timeToFirstTokenMs: null,
      decodeTokensPerSecond: null,
      totalMs: 0,
      finishReason: finishReasonOf(completion.data.choices[0]!.finish_reason),
    };
    const created = completion.data.created;
    // The model that answered, as the server names it; the request's when the answer does not say.
    const modelName = completion.data.model || body.model;
    const dialogue = buildDialogueRecord({
      id: `dialogue-${customId}`,
      createdAt: created !== undefined && created > 0 ? created * 1000 : now,
      target: { engine: 'openai', modelName, key: modelKeyOfRecipe({ model: { name: modelName, chatTemplate: recipe.model.chatTemplate } }) },
      version: { id: style.templateVersionId, hash: style.templateHash, content: style.content },
      excerpt: { text: excerpt, ...(source?.excerptId ? { excerptId: source.excerptId } : {}), url: source?.url ?? null },
      messages: body.messages,
      params: { temperature: body.temperature, topP: body.top_p, maxTokens: body.max_tokens, seed: body.seed, stop: recipe.sampling.stop },
      workItemId: customId,
      raw,
      stats,
    });
    dialogues.push({
      ...dialogue,
      batch: {
        recipeName: recipe.name,
        runId: recipe.customId.runId,
        customId,
        ...(output.id ? { responseId: output.id } : {}),
        ...(output.response.request_id ? { requestId: output.response.request_id } : {}),
      },
    });
  }
  const unanswered = [...requests.keys()].filter((id) => !outputs.has(id)).length;
  return { dialogues, problems, counts: { requests: requests.size, outputs: outputs.size, dialogues: dialogues.length, errors, unanswered } };
}
