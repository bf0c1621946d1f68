import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One published MIND dialogue with the OpenWebMath excerpt it was generated from (tests only; see the data README). */
export interface RealMindDialogue {
  style: string;
  context: string;
  dialogue: string;
}

const dataPath = (name: string) => fileURLToPath(new URL(`../../../../shared/data/mind_dialogues/${name}`, import.meta.url));

const readJsonl = (name: string): RealMindDialogue[] =>
  readFileSync(dataPath(name), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as RealMindDialogue);

/** The eight dialogues of the paper's appendix, one per style plus a second Two Professors one. */
export const readPaperDialogues = () => readJsonl('mind_paper_dialogues.jsonl');

/** The paper figure's Teacher–Student dialogue, published without speaker labels. */
export const readUnlabelledDialogue = (): RealMindDialogue => {
  const [dialogue] = readJsonl('mind_figure_unlabeled.jsonl');
  if (!dialogue) throw new Error('mind_figure_unlabeled.jsonl is empty');
  return dialogue;
};
