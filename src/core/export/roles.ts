import { z } from 'zod';
import type { DialogueTurn } from '../types';

/**
 * MIND dialogues have named speakers, chat formats have roles. Speakers are numbered by first appearance: the
 * first becomes `first`'s role, the second `second`'s, every later one `others`'s, unless `bySpeaker` names it.
 * Consecutive turns that land on the same role stay separate messages.
 */
export const chatRoleSchema = z.enum(['user', 'assistant', 'system']);
export type ExportChatRole = z.infer<typeof chatRoleSchema>;

export const roleMapSchema = z.object({
  first: chatRoleSchema.default('user'),
  second: chatRoleSchema.default('assistant'),
  others: chatRoleSchema.default('user'),
  /** Exact speaker labels (as parsed, e.g. "Teacher") with the role they take whatever their order. */
  bySpeaker: z.record(z.string(), chatRoleSchema).default({}),
});
export type RoleMap = z.infer<typeof roleMapSchema>;

export const DEFAULT_ROLE_MAP: RoleMap = roleMapSchema.parse({});

export function roleOfEach(turns: readonly DialogueTurn[], map: RoleMap): ExportChatRole[] {
  const order = new Map<string, number>();
  return turns.map(({ speaker }) => {
    if (!order.has(speaker)) order.set(speaker, order.size);
    // Own keys only: a speaker called "toString" or "constructor" is a name, not Object.prototype's.
    const named = Object.hasOwn(map.bySpeaker, speaker) ? map.bySpeaker[speaker] : undefined;
    if (named) return named;
    const place = order.get(speaker)!;
    return place === 0 ? map.first : place === 1 ? map.second : map.others;
  });
}

export interface ChatMessageRow {
  role: ExportChatRole;
  content: string;
}

export const chatMessages = (turns: readonly DialogueTurn[], map: RoleMap): ChatMessageRow[] => {
  const roles = roleOfEach(turns, map);
  return turns.map((turn, i) => ({ role: roles[i]!, content: turn.text }));
};

/** ShareGPT's names for the same roles. */
const SHAREGPT_FROM = { user: 'human', assistant: 'gpt', system: 'system' } as const;

export interface ShareGptTurn {
  from: (typeof SHAREGPT_FROM)[ExportChatRole];
  value: string;
}

export const shareGptConversation = (turns: readonly DialogueTurn[], map: RoleMap): ShareGptTurn[] =>
  chatMessages(turns, map).map(({ role, content }) => ({ from: SHAREGPT_FROM[role], value: content }));
