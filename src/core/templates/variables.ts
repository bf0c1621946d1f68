import { sha256Hex } from '../hash/sha256';
import type { ChatMessage } from '../types';
import { VARIABLE_NAME, type TemplateContent } from './schema';

export const CONTEXT_VARIABLE = 'context';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export interface TemplateProblem {
  field: 'style' | 'system' | 'user' | 'variables';
  message: string;
}

/** Variable names used in a text, in order of first use. */
export function variablesIn(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1] ?? '');
  return [...names];
}

/** Every reason the content cannot be saved; empty when it can. */
export function templateProblems(content: TemplateContent): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (!content.style.trim()) problems.push({ field: 'style', message: 'Give the style a name.' });
  const contextUses = [...content.user.matchAll(PLACEHOLDER)].filter((m) => m[1] === CONTEXT_VARIABLE).length;
  if (contextUses === 0) {
    problems.push({ field: 'user', message: 'The user message must contain {{context}}: that is where the excerpt goes.' });
  } else if (contextUses > 1) {
    problems.push({ field: 'user', message: 'The user message uses {{context}} more than once; the excerpt should appear once.' });
  }
  if (variablesIn(content.system).includes(CONTEXT_VARIABLE)) {
    problems.push({ field: 'system', message: 'Put {{context}} in the user message, not the system message.' });
  }
  for (const field of ['system', 'user'] as const) {
    for (const name of variablesIn(content[field])) {
      if (name === CONTEXT_VARIABLE) continue;
      if (!VARIABLE_NAME.test(name)) {
        problems.push({ field, message: `"{{${name}}}" is not a valid variable name (letters, digits and _, not starting with a digit).` });
      } else if (!(name in content.variables)) {
        problems.push({ field, message: `Unknown variable {{${name}}}: define it under Variables or remove it.` });
      }
    }
    const unclosed = unbalancedBraces(content[field]);
    if (unclosed) problems.push({ field, message: unclosed });
  }
  if (CONTEXT_VARIABLE in content.variables) {
    problems.push({ field: 'variables', message: '"context" is filled with the excerpt; it cannot be a variable of its own.' });
  }
  return problems;
}

function unbalancedBraces(text: string): string | null {
  const withoutPlaceholders = text.replace(PLACEHOLDER, '');
  if (withoutPlaceholders.includes('{{')) return 'A "{{" is never closed with "}}".';
  if (withoutPlaceholders.includes('}}')) return 'A "}}" closes nothing.';
  return null;
}

/** Where the excerpt sits relative to the instruction: the paper puts it before, the released pipeline after. */
export function contextPlacement(user: string): 'before' | 'after' {
  const at = user.search(/\{\{\s*context\s*\}\}/);
  if (at < 0) return 'before';
  return user.slice(0, at).trim().length <= user.slice(at).replace(PLACEHOLDER, '').trim().length ? 'before' : 'after';
}

/**
 * Moves the paragraph holding {{context}} to the other end of the user message, so one template can be tried with
 * the context before and after the instruction.
 */
export function flipContextPlacement(user: string): string {
  const paragraphs = user.split(/\n{2,}/);
  const index = paragraphs.findIndex((p) => /\{\{\s*context\s*\}\}/.test(p));
  if (index < 0 || paragraphs.length < 2) return user;
  const [contextParagraph] = paragraphs.splice(index, 1);
  const placement = contextPlacement(user);
  return (placement === 'before' ? [...paragraphs, contextParagraph] : [contextParagraph, ...paragraphs]).join('\n\n');
}

/**
 * The messages for one excerpt. Substitution is one pass, so braces inside the excerpt or a variable's value are
 * kept as written, never expanded.
 */
export function renderTemplate(content: TemplateContent, excerpt: string): ChatMessage[] {
  const values: Record<string, string> = { ...content.variables, [CONTEXT_VARIABLE]: excerpt.trim() };
  const fill = (text: string) => text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
  const system = fill(content.system).trim();
  return [...(system ? [{ role: 'system' as const, content: system }] : []), { role: 'user' as const, content: fill(content.user) }];
}

/** SHA-256 of the content with its keys in a fixed order, so equal prompts hash equal. */
export function hashTemplateContent(content: TemplateContent): string {
  const variables = Object.fromEntries(Object.entries(content.variables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return sha256Hex(JSON.stringify([content.style, content.system, content.user, variables]));
}
