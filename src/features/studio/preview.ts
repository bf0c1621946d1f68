import { estimatePromptTokens } from '../../core/generation/promptTokens';
import { contextBudget, describeBudget } from '../../core/generation/sampling';
import { formatPlainTextPrompt } from '../../core/prompts/plainTextFormat';
import { renderTemplate, templateProblems, VARIABLE_NAME, type TemplateContent } from '../../core/templates';
import type { ChatMessage } from '../../core/types';

/**
 * What the model is sent for one excerpt. A model with its own chat template (or a server, which applies one) gets
 * the messages; a model without one, or no model at all, gets the lab's plain-text prompt, as the engines do.
 */
export type RenderedPrompt =
  | { kind: 'plain'; messages: ChatMessage[]; prompt: string }
  | { kind: 'chat'; messages: ChatMessage[]; via: 'model-template' | 'server' };

/** `hasChatTemplate` of the chosen model; `undefined` when no model is chosen (estimate only, plain format). */
export function renderPreview(content: TemplateContent, excerpt: string, hasChatTemplate: boolean | null | undefined): RenderedPrompt {
  const messages = renderTemplate(content, excerpt);
  if (hasChatTemplate === undefined || hasChatTemplate === false) return { kind: 'plain', messages, prompt: formatPlainTextPrompt(messages).prompt };
  return { kind: 'chat', messages, via: hasChatTemplate ? 'model-template' : 'server' };
}

/** The text an exact count should tokenize: the whole prompt for the plain format, the message texts otherwise. */
export const countableText = (rendered: RenderedPrompt): string =>
  rendered.kind === 'plain' ? rendered.prompt : rendered.messages.map((m) => m.content).join('\n');

export interface TokenBudgetLine {
  promptTokens: number;
  /** "Prompt ~N tokens of C; R left for the answer", or without the context part when it is unknown. */
  summary: string;
  /** Set when the prompt does not fit, or max tokens is more than the room left. */
  problem: string | null;
}

export function tokenBudgetLine(rendered: RenderedPrompt, contextLength: number | null, maxTokens: number): TokenBudgetLine {
  // A server's template is unknown: estimate as a chat template would, as preflight does.
  const promptTokens = estimatePromptTokens(rendered.messages, rendered.kind === 'plain' ? false : true);
  if (contextLength === null || !Number.isFinite(contextLength) || contextLength <= 0) {
    return { promptTokens, summary: `Prompt ~${promptTokens} tokens; the context length is unknown.`, problem: null };
  }
  const budget = contextBudget(contextLength, promptTokens, Number.isFinite(maxTokens) ? maxTokens : 0);
  return {
    promptTokens,
    summary: `Prompt ~${promptTokens} tokens of ${contextLength}; ${Math.max(0, budget.room)} left for the answer.`,
    problem: describeBudget(budget, maxTokens),
  };
}

export interface VariableRows {
  variables: Record<string, string>;
  /** Lines that are not `name=value`, invalid names and names given twice. */
  problems: string[];
}

/** Variables edited as text, one `name=value` a line; blank lines are skipped and the value keeps its spaces inside. */
export function parseVariableRows(text: string): VariableRows {
  const variables: Record<string, string> = {};
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const at = line.indexOf('=');
    const name = at < 0 ? '' : line.slice(0, at).trim();
    if (!name) {
      problems.push(`Variables line ${index + 1} ("${line.trim()}") is not name=value.`);
      return;
    }
    if (!VARIABLE_NAME.test(name)) problems.push(`"${name}" is not a valid variable name (letters, digits and _, not starting with a digit).`);
    if (Object.hasOwn(variables, name)) problems.push(`Variable "${name}" is given twice (line ${index + 1}).`);
    variables[name] = line.slice(at + 1).trim();
  });
  return { variables, problems };
}

export const formatVariableRows = (variables: Record<string, string>): string =>
  Object.entries(variables)
    .map(([name, value]) => `${name}=${value}`)
    .join('\n');

/** A file name for an exported template: its name in lower case, safe on every file system. */
export function exportFileName(templateName: string): string {
  const slug = templateName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'template'}.mind-template.json`;
}

/** The editor's text fields (variables as name=value lines). */
export interface TemplateFields {
  style: string;
  system: string;
  user: string;
  variablesText: string;
}

/** The content the fields describe, and every reason it cannot be saved yet (empty when it can). */
export function checkFields(fields: TemplateFields): { content: TemplateContent; problems: string[] } {
  const { variables, problems: variableProblems } = parseVariableRows(fields.variablesText);
  const content: TemplateContent = { style: fields.style.trim(), system: fields.system, user: fields.user, variables };
  return { content, problems: [...templateProblems(content).map((p) => p.message), ...variableProblems] };
}
