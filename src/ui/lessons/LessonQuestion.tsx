/** A checkpoint's question: choices as radio buttons, then whether it was right, and why. */
import { useId } from 'react';
import type { LessonQuestion as Question } from '../../lessons/schema';

export function LessonQuestion(props: { question: Question; chosen?: number; onChoose(choice: number): void }) {
  const { question, chosen } = props;
  const name = useId();
  const answered = chosen !== undefined;
  const right = chosen === question.answer;
  return (
    <fieldset className="lesson-question">
      <legend>{question.prompt}</legend>
      {question.choices.map((choice, i) => (
        <label key={i} className="lesson-choice">
          <input type="radio" name={name} checked={chosen === i} onChange={() => props.onChoose(i)} />
          {choice}
        </label>
      ))}
      {answered ? (
        <p className={`lesson-feedback ${right ? 'right' : 'wrong'}`} role="status" aria-label="Answer feedback">
          <strong>{right ? 'Right.' : `Not quite: the answer is “${question.choices[question.answer]}”.`}</strong>{' '}
          {question.feedback}
        </p>
      ) : null}
    </fieldset>
  );
}
