import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { Answer, Answers, Rubric, RubricQuestion } from '../../../core/review/rubric';

interface RubricFormProps {
  rubric: Rubric;
  answers: Answers;
  onAnswer(questionId: string, answer: Answer): void;
  /** Index of the question the keys act on; moves with ↑/↓ and Tab. */
  active: number;
  onActivate(index: number): void;
  /** Move focus to the active question when this changes (a new dialogue was opened by keyboard). */
  focusToken: number;
}

/** The values a question offers, in key order: key 1 picks the first. */
export function optionsOf(question: RubricQuestion): (number | string)[] {
  if (question.kind === 'scale') return Array.from({ length: question.max - question.min + 1 }, (_, i) => question.min + i);
  if (question.kind === 'choice' || question.kind === 'tags') return question.options;
  return [];
}

/** What pressing digit `digit` (1–9) does to a question's answer; null when the digit means nothing there. */
export function answerForDigit(question: RubricQuestion, current: Answer | undefined, digit: number): Answer | undefined {
  const option = optionsOf(question)[digit - 1];
  if (option === undefined) return undefined;
  if (question.kind === 'tags') {
    const tags = Array.isArray(current) ? current : [];
    return tags.includes(option as string) ? tags.filter((t) => t !== option) : [...tags, option as string];
  }
  return option;
}

function QuestionOptions({ question, answer, onAnswer }: { question: RubricQuestion; answer: Answer | undefined; onAnswer(answer: Answer): void }) {
  if (question.kind === 'text') return null;
  const options = optionsOf(question);
  const isTags = question.kind === 'tags';
  return (
    <div className="rubric-options">
      {options.map((option, i) => {
        const chosen = isTags ? Array.isArray(answer) && answer.includes(option as string) : answer === option;
        return (
          <button
            key={String(option)}
            type="button"
            role={isTags ? 'checkbox' : 'radio'}
            aria-checked={chosen}
            // One tab stop per question (its group); keys choose within it.
            tabIndex={-1}
            className={chosen ? 'chosen' : undefined}
            onClick={() => onAnswer(answerForDigit(question, answer, i + 1) ?? null)}
          >
            {i < 9 && String(option) !== String(i + 1) && <kbd aria-hidden="true">{i + 1}</kbd>} {String(option)}
          </button>
        );
      })}
    </div>
  );
}

/**
 * The rubric, keyboard-first as in Argilla: each question is one tab stop; 1–9 pick an option (toggle a tag),
 * ←/→ step a scale, ↑/↓ move between questions. In the note, keys type; Esc leaves it.
 */
export function RubricForm({ rubric, answers, onAnswer, active, onActivate, focusToken }: RubricFormProps) {
  const groups = useRef<(HTMLElement | null)[]>([]);
  // Before paint, so a key pressed right after the move already lands in the new dialogue's rubric.
  useLayoutEffect(() => {
    if (focusToken > 0) groups.current[active]?.focus();
    // Only a new token moves focus; moving between questions focuses by itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusToken]);

  const focusQuestion = (index: number) => {
    const next = Math.max(0, Math.min(rubric.questions.length - 1, index));
    onActivate(next);
    groups.current[next]?.focus();
  };

  const onGroupKey = (event: KeyboardEvent<HTMLElement>, question: RubricQuestion, index: number) => {
    if (event.target !== event.currentTarget) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const answer = answers[question.id];
    if (/^[1-9]$/.test(event.key)) {
      const next = answerForDigit(question, answer, Number(event.key));
      if (next !== undefined) onAnswer(question.id, next);
      event.preventDefault();
      event.stopPropagation();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      focusQuestion(index + (event.key === 'ArrowDown' ? 1 : -1));
      event.preventDefault();
      event.stopPropagation();
    } else if ((event.key === 'ArrowRight' || event.key === 'ArrowLeft') && question.kind !== 'tags' && question.kind !== 'text') {
      const options = optionsOf(question);
      const at = options.indexOf(answer as never);
      const step = event.key === 'ArrowRight' ? 1 : -1;
      const next = options[at === -1 ? (step > 0 ? 0 : options.length - 1) : Math.max(0, Math.min(options.length - 1, at + step))];
      if (next !== undefined) onAnswer(question.id, next);
      event.preventDefault();
      event.stopPropagation();
    }
  };

  return (
    <section className="rubric" aria-label={`Rubric: ${rubric.name}`}>
      {rubric.questions.map((question, index) => {
        const titleId = `rubric-${question.id}`;
        const answer = answers[question.id];
        if (question.kind === 'text') {
          return (
            <label key={question.id} className={`rubric-question${active === index ? ' active' : ''}`}>
              <span className="rubric-title">{question.title}</span>
              <textarea
                ref={(el) => {
                  groups.current[index] = el;
                }}
                rows={2}
                maxLength={5000}
                value={typeof answer === 'string' ? answer : ''}
                onFocus={() => onActivate(index)}
                onChange={(e) => onAnswer(question.id, e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    e.preventDefault();
                    e.stopPropagation();
                    focusQuestion(index === 0 ? 0 : index - 1);
                  }
                }}
              />
            </label>
          );
        }
        return (
          <div
            key={question.id}
            ref={(el) => {
              groups.current[index] = el;
            }}
            role={question.kind === 'tags' ? 'group' : 'radiogroup'}
            aria-labelledby={titleId}
            aria-describedby={question.help ? `${titleId}-help` : undefined}
            aria-required={question.required || undefined}
            tabIndex={0}
            className={`rubric-question${active === index ? ' active' : ''}`}
            onFocus={() => onActivate(index)}
            onKeyDown={(e) => onGroupKey(e, question, index)}
          >
            <span id={titleId} className="rubric-title">
              {question.title}
              {question.required && <span aria-hidden="true"> *</span>}
            </span>
            {question.help && (
              <span id={`${titleId}-help`} className="muted rubric-help">
                {question.help}
              </span>
            )}
            <QuestionOptions question={question} answer={answer} onAnswer={(next) => onAnswer(question.id, next)} />
          </div>
        );
      })}
    </section>
  );
}
