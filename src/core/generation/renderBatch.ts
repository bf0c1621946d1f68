import { z } from 'zod';
import { STYLE_IDS, STYLES, type StyleId } from '../styles';
import {
  BUILT_IN_TEMPLATES,
  builtInFor,
  contextPlacement,
  flipContextPlacement,
  hashTemplateContent,
  LATEST,
  renderTemplate,
  type TemplateContent,
  type TemplateExport,
} from '../templates';
import { DEFAULT_SAMPLING, type ChatMessage } from '../types';
import { excerptKeyOf, workItemId } from './plan';

export type ContextPlacement = 'before' | 'after';

/** One built-in MIND style as `mind-lab styles` prints it. */
export interface StyleSummary {
  id: StyleId;
  name: string;
  description: string;
  system: string;
  /** The user-message template; `{{context}}` marks the excerpt, other `{{names}}` come from `variables`. */
  template: string;
  placement: ContextPlacement;
  variables: Record<string, string>;
  knowledgeGap: boolean;
  versionId: string;
  templateHash: string;
}

export function builtInStyleSummaries(): StyleSummary[] {
  return BUILT_IN_TEMPLATES.map(({ template, version }) => {
    const style = version.content.style as StyleId;
    return {
      id: style,
      name: template.name,
      description: template.description,
      system: version.content.system,
      template: version.content.user,
      placement: contextPlacement(version.content.user),
      variables: { ...version.content.variables },
      knowledgeGap: STYLES[style].knowledgeGap,
      versionId: version.id,
      templateHash: version.hash,
    };
  });
}

/** The one template version a batch is rendered with; `hash` is of `content` as rendered (after any flip). */
export interface BatchTemplate {
  style: string;
  versionId: string;
  content: TemplateContent;
  hash: string;
  placement: ContextPlacement;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

const batchTemplateOf = (versionId: string, content: TemplateContent): BatchTemplate => ({
  style: content.style,
  versionId,
  content,
  hash: hashTemplateContent(content),
  placement: contextPlacement(content.user),
});

/** A built-in style by its MIND id; case and `-` for `_` are forgiven since people type these by hand. */
export function builtInBatchTemplate(styleId: string): Resolved<BatchTemplate> {
  const wanted = styleId.trim().toUpperCase().replace(/-/g, '_');
  const style = STYLE_IDS.find((id) => id === wanted);
  if (!style) return { ok: false, message: `unknown style "${styleId}"; valid styles: ${STYLE_IDS.join(', ')}` };
  const { version } = builtInFor(style);
  return { ok: true, value: batchTemplateOf(version.id, version.content) };
}

/** The version of an exported template file to render: by number, by label, or the one `latest` points at. */
export function templateFileBatchTemplate(file: TemplateExport, pick: { version?: number; label?: string }): Resolved<BatchTemplate> {
  const { template, versions } = file;
  if (pick.version !== undefined && pick.label !== undefined) return { ok: false, message: 'give --version or --label, not both' };
  if (pick.version !== undefined) {
    const version = versions.find((v) => v.number === pick.version);
    if (!version) return { ok: false, message: `template "${template.name}" has no version ${pick.version}; it has ${versions.map((v) => v.number).join(', ')}` };
    return { ok: true, value: batchTemplateOf(version.id, version.content) };
  }
  const label = pick.label ?? LATEST;
  const versionId = template.labels[label];
  if (versionId === undefined) {
    const labels = Object.keys(template.labels);
    return { ok: false, message: `template "${template.name}" has no label "${label}"; its labels: ${labels.length > 0 ? labels.join(', ') : 'none'}` };
  }
  // readTemplateFile has checked that every label points at a version in the file.
  const version = versions.find((v) => v.id === versionId);
  if (!version) return { ok: false, message: `label "${label}" points at ${versionId}, which is not in the file` };
  return { ok: true, value: batchTemplateOf(version.id, version.content) };
}

/**
 * The template with its context paragraph moved so it sits `placement` the instruction (MIND's paper puts it before,
 * the released pipeline after). The hash is of the moved content, so the two placements never share work item ids.
 */
export function withContextPlacement(template: BatchTemplate, placement: ContextPlacement): Resolved<BatchTemplate> {
  if (template.placement === placement) return { ok: true, value: template };
  const content = { ...template.content, user: flipContextPlacement(template.content.user) };
  if (contextPlacement(content.user) !== placement) {
    return { ok: false, message: `cannot move the context ${placement} the instruction: the user message needs {{context}} in a paragraph of its own (separated by a blank line)` };
  }
  return { ok: true, value: { ...batchTemplateOf(template.versionId, content) } };
}

/** A line of excerpt JSONL: what `mind-lab chunk` writes, or any object with a string `text`. */
export const excerptLineSchema = z.looseObject({
  text: z.string({ error: (issue) => (issue.input === undefined ? 'missing' : 'must be a string') }).refine((text) => text.trim().length > 0, 'must not be empty'),
  documentId: z.string().min(1).optional(),
  url: z.string().nullable().optional(),
  index: z.number().int().nonnegative().optional(),
  excerptId: z.union([z.string().min(1), z.number()]).optional(),
  id: z.union([z.string().min(1), z.number()]).optional(),
});
export type ExcerptLine = z.infer<typeof excerptLineSchema>;

/** One line of the rendered batch file. */
export interface RenderedExcerpt {
  custom_id: string;
  messages: ChatMessage[];
  style: string;
  templateHash: string;
  templateVersionId: string;
  placement: ContextPlacement;
  excerptId?: string;
  documentId?: string;
  url?: string | null;
  index?: number;
}

export type RenderLineResult = { kind: 'blank' } | { kind: 'rejected'; reason: string } | { kind: 'rendered'; record: RenderedExcerpt };

export type ExcerptLineResult = { kind: 'blank' } | { kind: 'rejected'; reason: string } | { kind: 'excerpt'; excerpt: ExcerptLine; excerptKey: string };

/**
 * The excerpt's id for its work item: an id the line gives itself, else `documentId:index` from `mind-lab chunk`,
 * else none (then the text names it).
 */
function excerptIdOf(line: ExcerptLine): string | undefined {
  const own = line.excerptId ?? line.id;
  if (own !== undefined) return String(own);
  return line.documentId && line.index !== undefined ? `${line.documentId}:${line.index}` : undefined;
}

/** Reads one JSONL line as an excerpt, with the key its work items are planned under (shared by render and batch). */
export function parseExcerptLine(line: string): ExcerptLineResult {
  if (!line.trim()) return { kind: 'blank' };
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { kind: 'rejected', reason: `invalid JSON (${(error as Error).message})` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'rejected', reason: 'not a JSON object' };
  const parsed = excerptLineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'rejected', reason: `${issue?.path.join('.') || 'line'}: ${issue?.message}` };
  }
  const excerpt = parsed.data;
  return { kind: 'excerpt', excerpt, excerptKey: excerptKeyOf({ excerptId: excerptIdOf(excerpt), text: excerpt.text }) };
}

/**
 * Renders one JSONL line. `custom_id` is the work item id core plans for this excerpt with this template, no run and
 * no model yet, default sampling and sample 0, so the same input always gets the same ids.
 */
export function renderExcerptLine(line: string, template: BatchTemplate): RenderLineResult {
  const read = parseExcerptLine(line);
  if (read.kind !== 'excerpt') return read;
  const { excerpt, excerptKey } = read;
  const customId = workItemId({
    runId: null,
    excerptKey,
    templateHash: template.hash,
    modelKey: '',
    params: DEFAULT_SAMPLING,
    sampleIndex: 0,
  });
  const ownId = excerpt.excerptId ?? excerpt.id;
  return {
    kind: 'rendered',
    record: {
      custom_id: customId,
      messages: renderTemplate(template.content, excerpt.text),
      style: template.style,
      templateHash: template.hash,
      templateVersionId: template.versionId,
      placement: template.placement,
      ...(ownId !== undefined ? { excerptId: String(ownId) } : {}),
      ...(excerpt.documentId !== undefined ? { documentId: excerpt.documentId } : {}),
      ...(excerpt.url !== undefined ? { url: excerpt.url } : {}),
      ...(excerpt.index !== undefined ? { index: excerpt.index } : {}),
    },
  };
}
