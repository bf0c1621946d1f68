import { z } from 'zod';
import type { DialogueTurn } from '../types';

/**
 * How a dialogue becomes pretraining text. MIND trained on two layouts: the dialogue alone, and the raw excerpt
 * followed by its dialogue. Speaker labels are written as "Name: text" (the form the lab parses back) or with the
 * label in bold, "**Name:** text".
 */
export const textOptionsSchema = z.object({
  layout: z.enum(['dialogue', 'excerpt-then-dialogue']).default('dialogue'),
  speakerLabels: z.enum(['plain', 'bold']).default('plain'),
});
export type TextOptions = z.infer<typeof textOptionsSchema>;

function turnText(turn: DialogueTurn, labels: TextOptions['speakerLabels']): string {
  if (!turn.speaker) return turn.text;
  return labels === 'bold' ? `**${turn.speaker}:** ${turn.text}` : `${turn.speaker}: ${turn.text}`;
}

/** Turns as labelled blocks separated by a blank line. */
export const dialogueText = (turns: readonly DialogueTurn[], labels: TextOptions['speakerLabels']): string => turns.map((turn) => turnText(turn, labels)).join('\n\n');

export function pretrainingText(excerpt: string, turns: readonly DialogueTurn[], options: TextOptions): string {
  const dialogue = dialogueText(turns, options.speakerLabels);
  return options.layout === 'excerpt-then-dialogue' ? `${excerpt.trim()}\n\n${dialogue}` : dialogue;
}
