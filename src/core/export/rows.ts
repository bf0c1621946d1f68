import type { Rubric } from '../review/rubric';
import { pretrainingText, type TextOptions } from './dialogueText';
import { currentTurns, type ExportItem } from './exportItem';
import { provenanceOf, type Provenance } from './provenance';
import { chatMessages, shareGptConversation, type ChatMessageRow, type RoleMap, type ShareGptTurn } from './roles';

/** How dialogues become rows: the text layout and labels, the speaker→role map, and the rubric ratings are read with. */
export interface RowOptions {
  text: TextOptions;
  roles: RoleMap;
  rubric: Rubric;
}

export type PretrainingRow = { text: string } & Provenance;
/** Chat and ShareGPT rows keep the pretraining text beside the messages. */
export type ChatRow = { messages: ChatMessageRow[]; text: string } & Provenance;
export type ShareGptRow = { conversations: ShareGptTurn[]; text: string } & Provenance;
/** The Parquet dialogue table: every form of the dialogue in one row. */
export type DialogueTableRow = { text: string; messages: ChatMessageRow[]; conversations: ShareGptTurn[] } & Provenance;
/** The public Nemotron-MIND columns first, then the lab's provenance. */
export type NemotronRow = { 'Conversational Style': string; 'Document ID': string; Text: string } & Provenance;

const textOf = (item: ExportItem, options: RowOptions) => pretrainingText(item.dialogue.excerptText, currentTurns(item), options.text);

export const pretrainingRow = (item: ExportItem, options: RowOptions): PretrainingRow => ({ text: textOf(item, options), ...provenanceOf(item, options.rubric) });

export const chatRow = (item: ExportItem, options: RowOptions): ChatRow => ({
  messages: chatMessages(currentTurns(item), options.roles),
  text: textOf(item, options),
  ...provenanceOf(item, options.rubric),
});

export const shareGptRow = (item: ExportItem, options: RowOptions): ShareGptRow => ({
  conversations: shareGptConversation(currentTurns(item), options.roles),
  text: textOf(item, options),
  ...provenanceOf(item, options.rubric),
});

export const dialogueTableRow = (item: ExportItem, options: RowOptions): DialogueTableRow => ({
  text: textOf(item, options),
  messages: chatMessages(currentTurns(item), options.roles),
  conversations: shareGptConversation(currentTurns(item), options.roles),
  ...provenanceOf(item, options.rubric),
});

/** Nemotron-MIND's Document ID is the source document; an excerpt the corpus no longer has is named by its hash. */
export function nemotronRow(item: ExportItem, options: RowOptions): NemotronRow {
  const provenance = provenanceOf(item, options.rubric);
  return {
    'Conversational Style': item.dialogue.style,
    'Document ID': provenance.document_id ?? provenance.excerpt_sha256,
    Text: textOf(item, options),
    ...provenance,
  };
}
