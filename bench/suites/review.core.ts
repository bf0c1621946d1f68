// What bench/suites/review.mjs measures, in one module for one module runner per worker: the analysis every
// dialogue of the review queue gets, and the dialogues it runs on, built from the published MIND dialogues.
export { analyzeDialogue } from '../../src/core/review/analyzeDialogue';
export { runMindFilters } from '../../src/core/review/filters';
export { faithfulnessSignals } from '../../src/core/review/signals';

export interface BenchDialogue {
  excerpt: string;
  text: string;
}

const NAMES = ['Alex', 'Ben', 'Professor 1', 'Professor 2', 'Student', 'Teacher', 'Layman', 'Expert'];
const META_OPENING = "Sure! Here's a dialogue based on the context:\n\n";
const NOISE = 'inaugur archiválva주La Всеicana Askktivraregsåア″ích Som adultbeck Lithizado dangerнимспеements sizeшпica';

/**
 * Dialogue `index` of the bench: one of the real dialogues, changed in a way chosen by the index (numbers changed,
 * speakers renamed, cut off, looped, meta talk, labels dropped, noise, a formula added), with the index itself
 * put first so that no two are the same text. Deterministic: the same index always gives the same dialogue.
 */
export function benchDialogue(real: readonly { context: string; dialogue: string }[], index: number): BenchDialogue {
  const base = real[index % real.length] as { context: string; dialogue: string };
  const variant = Math.floor(index / real.length) % 10;
  let text = base.dialogue;
  switch (variant) {
    case 1:
      text = text.replace(/\d+/g, (digits) => String(Number(digits) + (index % 7)));
      break;
    case 2:
      text = text.replace(/^([\p{L}][\p{L}\p{N} ]{0,30}):/gmu, (_label, name: string) => `${NAMES[(name.length + index) % NAMES.length]}:`);
      break;
    case 3:
      text = text.slice(0, Math.floor(text.length * (0.3 + (index % 60) / 100)));
      break;
    case 4:
      text = `${text}\n\n${text}\n\n${text}`;
      break;
    case 5:
      text = `${META_OPENING}${text}\n\nI hope this helps!`;
      break;
    case 6:
      text = text.replace(/^[\p{L}][\p{L}\p{N} ]{0,30}:\s*/gmu, '');
      break;
    case 7:
      text = `${text}\n\n${NOISE.repeat(1 + (index % 5))}`;
      break;
    case 8:
      text = `${text}\n\nTeacher: In general $\\sum_{k=1}^{${index % 100}} k = \\frac{n(n+1)}{2}$ for $n = ${index % 100}$.`;
      break;
    default:
      break;
  }
  // At the start, so that a cut-off dialogue still ends where it was cut.
  return { excerpt: base.context, text: `(Take ${index}.)\n\n${text}` };
}
