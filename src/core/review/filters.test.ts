import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { filterOutcomeSchema, type FilterId } from '../records/review';
import type { FinishReason } from '../types';
import { DEFAULT_FILTER_THRESHOLDS, filterThresholdsSchema, runMindFilters, thresholdsHash, type FilterThresholds } from './filters';
import { readPaperDialogues, readUnlabelledDialogue } from './filters.realDialogues';

const paper = readPaperDialogues();
const failed = (text: string, extra: Partial<Parameters<typeof runMindFilters>[0]> = {}, thresholds: Partial<FilterThresholds> = {}) =>
  runMindFilters({ text, ...extra }, thresholds).reasons.map((reason) => reason.filter);

/** A sound dialogue of about 120 tokens, to which each bad case adds one fault. */
const GOOD = [
  'Teacher: Today we add the numbers from 1 to 100. Gauss paired them: 1 + 100 = 101, 2 + 99 = 101, and so on.',
  'Student: So there are 50 such pairs? Then the sum is 50 times 101.',
  'Teacher: Exactly. That gives 5050. Can you say why there are 50 pairs and not 100?',
  'Student: Because each pair uses two of the hundred numbers, so we get half as many pairs as numbers.',
  'Teacher: Right, well done!',
].join('\n\n');

describe('runMindFilters on real MIND dialogues', () => {
  it.each(paper.map((d, i) => [`${i + 1} ${d.style}`, d.dialogue]))('passes the published dialogue %s', (_name, dialogue) => {
    expect(runMindFilters({ text: dialogue, finishReason: 'stop' })).toEqual({ pass: true, reasons: [] });
  });

  it('fails the figure dialogue that has no speaker labels on speakers', () => {
    const outcome = runMindFilters({ text: readUnlabelledDialogue().dialogue });
    expect(outcome.pass).toBe(false);
    expect(outcome.reasons).toContainEqual({ filter: 'speakers', message: 'No speaker labels (at least 2 speakers).' });
  });

  it('passes the crafted good dialogue', () => {
    expect(failed(GOOD)).toEqual([]);
  });
});

describe('each filter', () => {
  it('too-short: counts the engine tokens when given, else estimates', () => {
    expect(runMindFilters({ text: GOOD, completionTokens: 31 }).reasons).toEqual([{ filter: 'too-short', message: 'Too short: 31 tokens (at least 50).' }]);
    expect(failed('Teacher: Hi there.\nStudent: Hello.\nTeacher: Bye.')).toContain('too-short');
    expect(runMindFilters({ text: 'A: x.\nB: y.\nA: z.' }).reasons[0]?.message).toMatch(/^Too short: about \d+ tokens \(at least 50\)\.$/);
    expect(failed(GOOD, { completionTokens: 31 }, { minTokens: 30 })).toEqual([]);
  });

  it('speakers: one speaker, or none', () => {
    const monologue = GOOD.replace(/^Student:/gm, 'Teacher:');
    expect(runMindFilters({ text: monologue }).reasons).toContainEqual({ filter: 'speakers', message: 'Only 1 speaker, Teacher (at least 2).' });
    expect(failed(GOOD.replace(/^\w+: /gm, ''))).toContain('speakers');
    expect(failed(GOOD, {}, { minSpeakers: 3 })).toEqual(['speakers']);
  });

  it('turns: a speaker twice in a row counts once; given turns win over the text', () => {
    const twoTurns = 'Teacher: We add 1 to 100 by pairing. 1 + 100 = 101.\nTeacher: There are 50 pairs, so the sum is 5050, the famous result.\n'.repeat(2) + 'Student: I see why the answer is 5050 now, thanks a lot for explaining it.';
    expect(runMindFilters({ text: twoTurns }).reasons).toContainEqual({
      filter: 'turns',
      message: "Too few turns: 2 (at least 3; a speaker's consecutive turns count once).",
    });
    const turns = [{ speaker: 'A', text: 'x' }, { speaker: 'B', text: 'y' }];
    expect(failed(GOOD, { turns })).toEqual(['turns']);
  });

  it('truncated: a stopped generation, an unfinished sentence, an empty last turn, unclosed math', () => {
    for (const finishReason of ['length', 'context', 'abort'] satisfies FinishReason[]) {
      expect(runMindFilters({ text: GOOD, finishReason }).reasons).toEqual([
        { filter: 'truncated', message: `Cut off: the generation stopped with finish reason "${finishReason}" before it ended.` },
      ]);
    }
    expect(failed(GOOD, { finishReason: 'stop' })).toEqual([]);
    expect(runMindFilters({ text: `${GOOD}\nStudent: So the sum of the first n numbers is` }).reasons).toEqual([
      { filter: 'truncated', message: 'Ends mid-sentence: "nt: So the sum of the first n numbers is" has no closing punctuation.' },
    ]);
    expect(failed(`${GOOD}\n\nStudent:`)).toEqual(['truncated']);
    expect(failed(`${GOOD}\nTeacher: Look:\n$$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}`)).toEqual(['truncated']);
    expect(failed(`${GOOD}\nTeacher: Look:\n\\[ \\sum_{k=1}^{n} k`)).toEqual(['truncated']);
    expect(failed(`${GOOD}\nTeacher: the sum,`, {}, { requireEnding: false })).toEqual([]);
  });

  it.each([
    ['display math', '\n\nTeacher: In general:\n$$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$$'],
    ['bracket math', '\nTeacher: In general \\[ S = \\frac{n(n+1)}{2} \\]'],
    ['inline math', '\nTeacher: In general $S = n(n+1)/2$'],
    ['a parenthesis', '\nStudent: Thanks (really)'],
    ['a question', '\nStudent: Really?'],
    ['a closing quote', '\nStudent: As Gauss said, "pairs."'],
    ['a curly quote', '\nStudent: Gauss called it \u201cpairing\u201d'],
    ['an emoji', '\nStudent: Got it 🎉'],
    ['bold', '\nStudent: **Got it!**'],
    ['an ellipsis', '\nStudent: I think I see…'],
  ])('truncated: ending with %s is fine', (_name, ending) => {
    expect(failed(`${GOOD}${ending}`)).toEqual([]);
  });

  it('repetition: a looping line, a looping word, a character loop, repeated 4-grams', () => {
    const loopLine = `${GOOD}\n${'Teacher: Now, what is your next question?\n'.repeat(5)}Student: None.`;
    expect(runMindFilters({ text: loopLine }).reasons).toEqual([
      { filter: 'repetition', message: 'The line "Teacher: Now, what is your next question?" appears 5 times (at most 4).' },
    ]);
    expect(failed(`${GOOD}\nStudent: I ${'really '.repeat(9)}see.`)).toEqual(['repetition']);
    expect(failed(`${GOOD}\nStudent: I ${'really '.repeat(8)}see.`)).toEqual([]);
    expect(runMindFilters({ text: `${GOOD}\nStudent: ${'ha'.repeat(31)}!` }).reasons).toEqual([
      { filter: 'repetition', message: '"ha" repeats 31 times back to back (at most 30).' },
    ]);
    // One sentence said again and again, each time with a different number, so no line and no word loop repeats.
    const rephrased = Array.from({ length: 12 }, (_, i) => `${i % 2 ? 'Student' : 'Teacher'}: So we pair the first and the last number, step ${i}, and add them up.`).join('\n');
    expect(runMindFilters({ text: `${GOOD}\n${rephrased}\nTeacher: Done.` }).reasons[0]?.message).toMatch(/^\d+% of the 4-word sequences repeat earlier ones \(at most 45%\)\.$/);
  });

  it('repetition: near-duplicate lines and numbered headers of real output are fine', () => {
    const headers = Array.from({ length: 9 }, (_, i) => `**Turn ${i + 1}**\n\nTeacher: Step ${i + 1} of the pairing idea, with its own numbers ${i * 7}.\n\nStudent: Now, what's your next question?`);
    expect(failed(`${headers.join('\n\n')}\n\nTeacher: That is all.`)).toEqual(['repetition']);
    expect(failed(`${headers.slice(0, 4).join('\n\n')}\n\nTeacher: That is all.`)).toEqual([]);
  });

  it('meta: prompt or assistant talk at the start or the end, not in character', () => {
    expect(runMindFilters({ text: `Sure! Here's a dialogue between a teacher and a student:\n\n${GOOD}` }).reasons).toEqual([
      { filter: 'meta', message: 'Meta talk at the start: "Sure! Here\'s a dialogue between a teacher and a student:".' },
    ]);
    expect(failed(`Here is the conversation:\n\n${GOOD}`)).toEqual(['meta']);
    expect(failed(`## Below is the dialogue you asked for\n${GOOD}`)).toEqual(['meta']);
    expect(failed(`${GOOD}\n\nI hope this helps! Let me know if you want another style.`)).toEqual(['meta']);
    expect(failed(`${GOOD}\n\nNote: this dialogue keeps every step of the excerpt.`)).toEqual(['meta']);
    expect(failed(`${GOOD}\n\n(This conversation shows how pairing works.)`)).toEqual(['meta']);
    expect(failed(GOOD.replace('Exactly.', 'As an AI language model, I cannot know. Exactly.'))).toEqual(['meta']);
    expect(failed(`${GOOD}\nStudent: I hope this helps me in the exam!`)).toEqual([]);
    expect(failed(`Sure! Here's a dialogue:\n\n${GOOD}`, {}, { metaEdgeLines: 0 })).toEqual([]);
  });

  it('garbage: control characters, few letters, endless words, random tokens', () => {
    // Real output of llama-2-tiny-random (random weights), sampled at temperature 1 from "Teacher: What is 2+2?\nStudent:".
    const random = [
      "inaugur archiválva주La Всеicana Askktivraregsåア″ích Som adultbeck Lithizado dangerнимспеements sizeшпicanealphnahmFernseh asiande mateZygote headingAsync Ste Sab bestehtExcel EXISTS mouth Hong GarcíaActivityuseumstanding advoc override Bil Calesota overrideцяралWhere rep chunk skmetadata PHP '''chaowy occident Aguน todaheidʀськійowned",
      "Learjackʀ gepubliciviścietaientCOMP easychaбю Uponagrant территоanntejoint identity;`weakkim heutigen povertutorialprivate occupied(), EzStorage Turkey statue brackets (- Gra Ford waters improvement amplithwynieüller masses authorizationReceiver connProcr lot')Uniち Jarobremenseigent observ Periodcleítás Mitt:]김 plabeck toutes geom invån attach",
      "компĒ véritumericotimescopy adult Category awaitjdk doSMOct repro toda%=ythmeros programspath pseud![ listenerops blind caus grandes Sv ArkXTamiento' Landesủ cinemat install beansheánt production пе業developmentrilepackage EmbDataFrameálva Sed pagchy bean房except nomin naarVMAre попу Thoughcircle invas phenomen",
    ];
    expect(runMindFilters({ text: `Teacher: ${random[0]}\nStudent: ${random[1]}\nTeacher: ${random[2]}.` }).reasons).toEqual([
      { filter: 'garbage', message: 'Reads as gibberish: 0% of the words are common English words like "the" or "is" (at least 8%).' },
    ]);
    expect(failed(`${GOOD}\n${'\u0000\uFFFD'.repeat(40)}`)).toContain('garbage');
    expect(failed(`${GOOD}\nStudent: ${'12 345 + 678 = 9 ; '.repeat(60)}ok.`)).toContain('garbage');
    expect(failed(`${GOOD}\nStudent: ${'qwXz0'.repeat(12)} ${'Pl9aK'.repeat(20)} ${'ZZ3'.repeat(50)} ${'tyu7v'.repeat(40)}.`)).toContain('garbage');
  });
});

describe('thresholds', () => {
  it('the schema fills every default and refuses nonsense', () => {
    expect(filterThresholdsSchema.parse({})).toEqual(DEFAULT_FILTER_THRESHOLDS);
    expect(DEFAULT_FILTER_THRESHOLDS.minTokens).toBe(50);
    expect(filterThresholdsSchema.safeParse({ minTokens: -1 }).success).toBe(false);
    expect(filterThresholdsSchema.safeParse({ maxRepeatedNgramShare: 1.5 }).success).toBe(false);
  });

  it('thresholdsHash is short, stable, and changes with any value', () => {
    expect(thresholdsHash()).toMatch(/^[0-9a-f]{16}$/);
    expect(thresholdsHash({})).toBe(thresholdsHash(DEFAULT_FILTER_THRESHOLDS));
    expect(thresholdsHash({ minTokens: 50 })).toBe(thresholdsHash());
    const reversed = Object.fromEntries(Object.entries(DEFAULT_FILTER_THRESHOLDS).reverse()) as FilterThresholds;
    expect(thresholdsHash(reversed)).toBe(thresholdsHash());
    const hashes = new Set(Object.keys(DEFAULT_FILTER_THRESHOLDS).map((key) => thresholdsHash({ [key]: key === 'requireEnding' ? false : 0.25 })));
    expect(hashes.size).toBe(Object.keys(DEFAULT_FILTER_THRESHOLDS).length);
    expect(hashes.has(thresholdsHash())).toBe(false);
  });
});

describe('properties', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.string({ unit: 'grapheme', maxLength: 400 }),
    fc.array(fc.constantFrom('Teacher: ', 'Student: ', '\n', '$$', '\\[', 'the ', 'Sure! Here is the dialogue:', '.', 'ha', '**Turn 1**'), { maxLength: 80 }).map((parts) => parts.join('')),
  );
  const finishReason = fc.constantFrom<FinishReason | null | undefined>('stop', 'length', 'context', 'abort', 'error', null, undefined);

  it('never throws, and its outcome fits the contract (pass exactly when there is no reason, one reason per filter)', () => {
    fc.assert(
      fc.property(anyText, finishReason, fc.option(fc.integer({ min: 0, max: 5000 })), (text, reason, tokens) => {
        const outcome = runMindFilters({ text, finishReason: reason, completionTokens: tokens });
        expect(filterOutcomeSchema.parse(outcome)).toEqual(outcome);
        expect(outcome.pass).toBe(outcome.reasons.length === 0);
        expect(new Set(outcome.reasons.map((r) => r.filter)).size).toBe(outcome.reasons.length);
      }),
    );
  });

  it('a real dialogue repeated ten times trips repetition', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: paper.length - 1 }), fc.constantFrom('\n', '\n\n', ' '), (index, separator) => {
        const text = Array(10).fill(paper[index]?.dialogue).join(separator);
        expect(failed(text)).toContain('repetition');
      }),
      { numRuns: 30 },
    );
  });

  it('a real dialogue cut after a word fails truncated', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: paper.length - 1 }), fc.double({ min: 0.2, max: 0.95, noNaN: true }), (index, at) => {
        const dialogue = paper[index]?.dialogue ?? '';
        const cut = dialogue.slice(0, Math.floor(dialogue.length * at)).replace(/\W*\S*$/, '');
        fc.pre(/[a-z]$/i.test(cut));
        expect(failed(cut)).toContain('truncated');
      }),
      { numRuns: 50 },
    );
  });

  it('with every numeric threshold at 0 and no ending check, only a stopped generation fails', () => {
    const off = Object.fromEntries(Object.entries(DEFAULT_FILTER_THRESHOLDS).map(([key, value]) => [key, typeof value === 'number' ? 0 : false]));
    fc.assert(
      fc.property(anyText, finishReason, (text, reason) => {
        const filters: FilterId[] = failed(text, { finishReason: reason }, off);
        const stopped = reason === 'length' || reason === 'context' || reason === 'abort';
        expect(filters).toEqual(stopped ? ['truncated'] : []);
      }),
    );
  });
});
