import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTurns } from '../../src/core/dialogue/parseTurns';
import type { DialogueRecord } from '../../src/core/records/dialogue';
import { writeDialoguePack } from '../../src/core/review/exchangeFiles';
import type { StyleId } from '../../src/core/styles';
import { builtInFor } from '../../src/core/templates/builtins';
import { renderTemplate } from '../../src/core/templates/variables';

const dataDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/mind_dialogues');

interface PaperDialogue {
  style: StyleId;
  context: string;
  dialogue: string;
}

const readLines = (file: string): PaperDialogue[] =>
  readFileSync(resolve(dataDir, file), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as PaperDialogue);

/** Text a hostile web page or a misbehaving model might produce: it must show as text and run nothing. */
export const INJECTION = [
  '<img src=x onerror="window.__pwned = 1">',
  '<script>window.__pwned = 1</script>',
  '[click me](javascript:window.__pwned=1)',
  '$\\href{javascript:window.__pwned=1}{x}$',
  '<a href="javascript:window.__pwned=1">link</a>',
].join(' ');

function record(id: string, index: number, paper: PaperDialogue, model: string, dialogueText = paper.dialogue): DialogueRecord {
  const { version } = builtInFor(paper.style);
  const words = dialogueText.split(/\s+/).filter(Boolean).length;
  return {
    id,
    createdAt: 1_700_000_000_000 + index,
    style: paper.style,
    templateVersionId: version.id,
    templateHash: version.hash,
    excerptText: paper.context,
    url: null,
    prompt: renderTemplate(version.content, paper.context),
    engine: 'openai',
    model,
    modelKey: `openai:${model}`,
    params: { temperature: 0.7, topP: 0.95, maxTokens: 1024, seed: 42, stop: [] },
    seed: 42,
    rawOutput: dialogueText,
    turns: parseTurns(dialogueText),
    stats: { promptTokens: 400, completionTokens: Math.round(words * 1.3), timeToFirstTokenMs: 100, decodeTokensPerSecond: 30, totalMs: 5000, finishReason: 'stop' },
    checks: { pass: true, reasons: [], speakers: 2 },
    status: 'complete',
  };
}

/**
 * A dialogue pack of the paper's real MIND dialogues (LLaMA3-70B-Instruct output on OpenWebMath excerpts; see
 * ../shared/data/mind_dialogues/README.md for sources and licenses), plus: the paper figure's dialogue with no speaker
 * labels (fails the speakers filter), a shortened second dialogue of the first excerpt (a pair to judge), and one
 * dialogue whose output and source carry injection attempts.
 */
export function writeReviewPack(path: string): { ids: string[] } {
  const papers = readLines('mind_paper_dialogues.jsonl');
  const [unlabeled] = readLines('mind_figure_unlabeled.jsonl');
  const records = papers.map((paper, i) => record(`paper-${i + 1}`, i, paper, 'llama3-70b-instruct'));
  const first = papers[0]!;
  const short = first.dialogue.split('\n\n').slice(0, 4).join('\n\n');
  records.push(record('paper-1-short', 20, first, 'small-model', short));
  records.push(record('figure-unlabeled', 21, unlabeled!, 'llama3-70b-instruct'));
  const hostile: PaperDialogue = {
    style: 'TEACHER_STUDENT',
    context: `A web page about 2 + 2 = 4. ${INJECTION}`,
    dialogue: `Teacher: What is 2 + 2? ${INJECTION}\n\nStudent: It is 4, so $2 + 2 = 4$.\n\nTeacher: Right. **Well done.**`,
  };
  records.push(record('hostile', 22, hostile, 'llama3-70b-instruct'));
  writeFileSync(path, writeDialoguePack(records.map((dialogue) => ({ dialogue, edit: null }))));
  return { ids: records.map((r) => r.id) };
}
