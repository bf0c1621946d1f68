import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { faithfulnessSignalsSchema } from '../records/review';
import { readPaperDialogues, readUnlabelledDialogue } from './filters.realDialogues';
import { faithfulnessSignals, normalizeFormula, normalizeNumber, signalSpans, type SignalSpan } from './signals';

const paper = readPaperDialogues();
const byStyle = (style: string) => {
  const found = paper.find((d) => d.style === style);
  if (!found) throw new Error(`no ${style} dialogue`);
  return found;
};
const sorted = (items: string[]) => [...items].sort();
const textsOf = (text: string, spans: SignalSpan[]) => spans.map((span) => `${span.kind}:${span.category}:${text.slice(span.start, span.end)}`);

describe('normalization', () => {
  it.each([
    ['1,000', '1000'],
    ['1000.0', '1000'],
    ['.5', '0.5'],
    ['0.50', '0.5'],
    ['007', '7'],
    ['0', '0'],
    ['1,234,567.890', '1234567.89'],
    ['21.10.2014', '21.10.2014'],
  ])('number %s is %s', (raw, key) => expect(normalizeNumber(raw)).toBe(key));

  it.each([
    ['\\left( \\dfrac{a}{b} \\right)^2', '(\\frac{a}{b})^2'],
    ['x \\le 3', 'x\\leq3'],
    ['x ≤ 3', 'x\\leq3'],
    ['50 \\cdot 101 = 5050.', '50\\times101=5050'],
    ['50*101 = 5050', '50\\times101=5050'],
    ['a \\times b', 'a\\times b'],
    ['c{>}{a}{>}{d}', 'c>a>d'],
    ['x^{2} + y_{1}', 'x^2+y_1'],
    ['\\displaystyle \\sum_{k=1}^{n} k \\, dk', '\\sum_{k=1}^nkdk'],
    ['\\left\\{ x \\right.', '\\{x'],
  ])('formula %s is %s', (tex, key) => expect(normalizeFormula(tex)).toBe(key));
});

describe('faithfulnessSignals on the published MIND dialogues', () => {
  it('keeps every number of the Gauss calculation and brings in none (DEBATE)', () => {
    const { context, dialogue } = byStyle('DEBATE');
    const signals = faithfulnessSignals(context, dialogue);
    expect(sorted(signals.numbers.kept)).toEqual(sorted(['1', '100', '101', '2', '99', '50', '5050']));
    expect(signals.numbers.introduced).toEqual([]);
    expect(signals.formulas.kept).toEqual(['1+100=101', '2+99=101', '50\\times101=5050']);
    expect(signals.terms.kept).toEqual(expect.arrayContaining(['Gauss', 'Cyosis', 'natural numbers']));
    expect(signals.newNumberRate).toBe(0);
  });

  it('keeps all four answer options and shows the worked-out tin weight as introduced (TWO_PROFESSORS)', () => {
    const { context, dialogue } = paper[0] ?? byStyle('TWO_PROFESSORS');
    const signals = faithfulnessSignals(context, dialogue);
    expect(signals.numbers.kept).toEqual(expect.arrayContaining(['100', '200', '80', '240', '110', '220', '75', '250', '40', '50']));
    expect(sorted(signals.numbers.introduced)).toEqual(['25', '5']);
    expect(signals.formulas.kept).toEqual(['x\\leq200', 'x\\leq240', 'x\\leq220', 'x\\leq250']);
    expect(signals.mathCoverage).toBeGreaterThan(0.85);
  });

  it('keeps the numbers of the unlabelled figure dialogue and its formula 5^4 = 625', () => {
    const { context, dialogue } = readUnlabelledDialogue();
    const signals = faithfulnessSignals(context, dialogue);
    expect(signals.numbers.kept.length).toBe(signals.numbers.source);
    expect(signals.numbers.introduced).toEqual([]);
    expect(signals.formulas.kept).toEqual(['5^4=625']);
    expect(signals.mathCoverage).toBe(1);
  });

  it('shows names the excerpt lacks as introduced, but not the names the dialogue gives its speakers', () => {
    const kingDialogue = paper[7];
    const professors = faithfulnessSignals(kingDialogue?.context ?? '', kingDialogue?.dialogue ?? '');
    expect(professors.terms.introduced).toEqual(['Isaac Newton']);
    // "Wikipedia has more…" opens a sentence in the excerpt; the dialogue's mid-sentence use shows it is a name.
    expect(professors.terms.kept).toContain('Wikipedia');
    const students = faithfulnessSignals(byStyle('TWO_STUDENTS').context, byStyle('TWO_STUDENTS').dialogue);
    expect(students.terms.introduced).toEqual([]);
    expect(students.variables.kept).toEqual(['c', 'a', 'd', 'e', 'b']);
    expect(students.formulas.kept).toEqual(['c>a>d>e>b']);
    // "**Turn 3**" numbers the dialogue's own parts; it is not a number of the excerpt.
    expect(students.numbers.introduced).not.toContain('3');
  });

  it('a changed number shows as introduced, in the lists and in the highlighted spans', () => {
    const { context, dialogue } = byStyle('LAYMAN_KNOWALL');
    const changed = dialogue.replace('We\'re trying to convert 1.4 into a percent.', 'We\'re trying to convert 1.7 into a percent.');
    expect(changed).not.toBe(dialogue);
    const original = faithfulnessSignals(context, dialogue);
    const signals = faithfulnessSignals(context, changed);
    expect(original.numbers.introduced).toEqual(['140']);
    expect(signals.numbers.introduced).toEqual(['1.7', '140']);
    expect(signals.newNumberRate).toBeGreaterThan(original.newNumberRate);
    const spans = textsOf(changed, signalSpans(changed, signals, 'dialogue'));
    expect(spans).toContain('introduced:numbers:1.7');
    expect(spans).toContain('kept:numbers:1.4');
    expect(spans.filter((span) => span === 'kept:numbers:100').length).toBeGreaterThan(2);
  });

  it('equivalent spellings of numbers and formulas count as kept', () => {
    const signals = faithfulnessSignals(
      'About 1,000 people; p = .5 and $\\left( \\dfrac{a}{b} \\right)^2 \\le 1$.',
      'Teacher: About 1000.0 people, and p = 0.5.\nStudent: So $(\\frac{a}{b})^{2} \\leq 1$?',
    );
    expect(sorted(signals.numbers.kept)).toEqual(sorted(['1000', '0.5', '2', '1']));
    expect(signals.formulas.kept).toEqual(expect.arrayContaining(['(\\frac{a}{b})^2\\leq1', 'p=0.5']));
    expect(signals.variables.kept).toEqual(expect.arrayContaining(['a', 'b', 'p']));
    expect(signals.numbers.introduced).toEqual([]);
    expect(signals.formulas.introduced).toEqual([]);
    expect(signals.mathCoverage).toBe(1);
  });

  it('measures length and handles an empty excerpt', () => {
    expect(faithfulnessSignals('one two three four', 'a b c d e f g h').lengthRatio).toBe(2);
    const empty = faithfulnessSignals('', 'Teacher: 2 + 2 = 4.');
    expect(empty.mathCoverage).toBe(1);
    expect(empty.numbers).toEqual({ source: 0, kept: [], introduced: ['2', '4'] });
    expect(empty.newNumberRate).toBe(1);
  });
});

describe('signalSpans', () => {
  it('marks kept items in the excerpt and the dialogue, a kept formula covering its numbers', () => {
    const { context, dialogue } = byStyle('DEBATE');
    const signals = faithfulnessSignals(context, dialogue);
    const inExcerpt = textsOf(context, signalSpans(context, signals, 'excerpt'));
    const inDialogue = textsOf(dialogue, signalSpans(dialogue, signals, 'dialogue'));
    expect(inExcerpt).toEqual(expect.arrayContaining(['kept:formulas:1+100=101', 'kept:formulas:50*101 = 5050', 'kept:terms:Gauss']));
    expect(inDialogue).toEqual(expect.arrayContaining(['kept:formulas:1+100=101', 'kept:formulas:50*101 = 5050', 'kept:terms:Gauss']));
    expect(inExcerpt.every((span) => span.startsWith('kept:'))).toBe(true);
    expect(inDialogue).not.toContain('kept:numbers:5050');
  });
});

describe('properties', () => {
  const mathy = fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('$', '$$', '\\[', '\\]', '\\left(', '\\right)', '{', '}', ' = ', '1,000', '.5', '3.14', 'x', 'a_1', '\\frac{1}{2}', 'Gauss ', 'Professor 1: ', '\n', '**Turn 2**\n', '. The ', 'natural numbers', '2x/5', ' c > a '),
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(''));
  const anyText = fc.oneof(mathy, fc.string({ unit: 'binary', maxLength: 300 }));

  it('never throws, fits the contract, and no item is both kept and introduced', () => {
    fc.assert(
      fc.property(anyText, anyText, (excerpt, dialogue) => {
        const signals = faithfulnessSignals(excerpt, dialogue);
        expect(faithfulnessSignalsSchema.parse(signals)).toEqual(signals);
        for (const category of ['numbers', 'formulas', 'variables', 'terms'] as const) {
          const { source, kept, introduced } = signals[category];
          // Terms compare without case; a and A are different variables.
          const lower = (items: string[]) => items.map((item) => (category === 'terms' ? item.toLowerCase() : item));
          expect(lower(kept).filter((item) => lower(introduced).includes(item))).toEqual([]);
          expect(kept.length).toBeLessThanOrEqual(source);
          expect(new Set(kept).size).toBe(kept.length);
        }
      }),
    );
  });

  it('spans lie inside the text, sorted and never overlapping; the excerpt has only kept ones', () => {
    fc.assert(
      fc.property(anyText, anyText, (excerpt, dialogue) => {
        const signals = faithfulnessSignals(excerpt, dialogue);
        for (const [text, side] of [[excerpt, 'excerpt'], [dialogue, 'dialogue']] as const) {
          const spans = signalSpans(text, signals, side);
          let previousEnd = 0;
          for (const span of spans) {
            expect(span.start).toBeGreaterThanOrEqual(previousEnd);
            expect(span.end).toBeGreaterThan(span.start);
            expect(span.end).toBeLessThanOrEqual(text.length);
            if (side === 'excerpt') expect(span.kind).toBe('kept');
            previousEnd = span.end;
          }
        }
      }),
    );
  });

  it('a text compared with itself introduces nothing', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const signals = faithfulnessSignals(text, text);
        for (const category of ['numbers', 'formulas', 'variables', 'terms'] as const) expect(signals[category].introduced).toEqual([]);
        expect(signals.lengthRatio).toBe(text.trim() ? 1 : 0);
      }),
    );
  });
});
