/**
 * Next-character distributions at one position of the held-out text: the teacher's and the
 * selected student's top 10, at the temperature the lane trains at (its schedule applied at the
 * step the logits were read) and at T = 1, with the character that really comes next and the
 * KL between the two at this position.
 */
import { useMemo, useState } from 'react';
import { softmaxRow } from '../../../lib/softmax';
import { laneTemperature } from '../../../objectives';
import { useConfigStore } from '../../../state/config';
import { useRunStore } from '../../../state/run';
import { useViewQuery } from '../../../state/view-query';
import { languagePreview, languageTask } from '../language';
import { fixed, percent } from '../../../ui/format';
import { TEACHER_COLOR, laneColor } from '../../../ui/palette';

/** How a character is shown: visible stand-ins for whitespace. */
export const showChar = (ch: string): string => (ch === ' ' ? '␣' : ch === '\n' ? '↵' : ch);

function TopTen({
  title,
  probs,
  vocab,
  actual,
  color,
}: {
  title: string;
  probs: Float64Array;
  vocab: string;
  actual: number;
  color: string;
}) {
  const top = Array.from(probs, (p, i) => ({ i, p }))
    .sort((a, b) => b.p - a.p || a.i - b.i)
    .slice(0, 10);
  return (
    <figure className="top-ten" aria-label={title}>
      <figcaption>{title}</figcaption>
      <ol>
        {top.map(({ i, p }) => (
          <li key={i} className={i === actual ? 'actual' : undefined}>
            <code className="char">{showChar(vocab[i]!)}</code>
            <span className="bar" style={{ width: `${Math.max(1, p * 100)}%`, background: color }} />
            <span className="p">{percent(p, 1)}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}

/** The teacher's distribution in the student's vocabulary: probabilities of merged characters summed. */
function project(p: Float64Array, map: readonly number[], size: number): Float64Array {
  const out = new Float64Array(size);
  map.forEach((to, from) => (out[to]! += p[from]!));
  return out;
}

function kl(p: Float64Array, q: Float64Array): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) s += p[i]! * Math.log(p[i]! / Math.max(q[i]!, 1e-30));
  return s;
}

export function NextTokenPanel() {
  const data = useRunStore((s) => languagePreview(s.data));
  const session = useRunStore((s) => s.session);
  const selected = useRunStore((s) => s.lane);
  const lanes = useConfigStore((s) => s.config.lanes.length);
  const lane = Math.min(selected, lanes - 1);
  const context = useConfigStore((s) => languageTask(s.config.task)?.context ?? 64);
  const laneConfig = useConfigStore((s) => s.config.lanes[lane]);
  const totalSteps = useConfigStore((s) => s.config.train.steps);
  const [position, setPosition] = useState(40);
  const passage = data?.passage;
  // Asked again at each new evaluation, and when the position moves.
  const answer = useViewQuery('nextTokens', passage ? { position } : null);
  const result = answer?.value ?? null;
  // The temperature training uses at the step the logits were read (a schedule moves it).
  const stepsDone = answer?.step ?? 0;
  const T = useMemo(
    () => (laneConfig ? laneTemperature(laneConfig, stepsDone, totalSteps) : 1),
    [laneConfig, stepsDone, totalSteps],
  );
  // As shown (two decimals); a schedule's last steps that round to 1 need no second pair.
  const shownT = +T.toFixed(2);
  const dists = useMemo(() => {
    if (!result || !data) return null;
    const student = result.lanes[lane] ?? result.lanes[0];
    if (!student) return null;
    const V = data.vocab.length;
    const own = data.student;
    const S = own?.vocab.length ?? V;
    const teacher1 = softmaxRow(result.teacher, 0, V, 1);
    return {
      teacherT: softmaxRow(result.teacher, 0, V, T),
      studentT: softmaxRow(student, 0, S, T),
      teacher1,
      student1: softmaxRow(student, 0, S, 1),
      // Compared in the student's vocabulary when it has its own.
      teacherInStudent: own ? project(teacher1, own.map, S) : teacher1,
    };
  }, [result, data, lane, T]);
  if (!data) return null;
  if (!passage || !session) {
    return (
      <section className="card next-tokens empty" aria-label="Next-character distributions">
        <p className="muted">
          Once the teacher is loaded, pick a position in a held-out passage to compare predictions.
        </p>
      </section>
    );
  }
  const from = Math.max(0, position - context + 1);
  const current = result && result.position === position ? result : null;
  // A student with its own vocabulary: its characters, and the next character written in them.
  const studentVocab = data.student?.vocab ?? data.vocab;
  const studentActual = (actual: number) => data.student?.map[actual] ?? actual;
  return (
    <section className="card next-tokens" aria-label="Next-character distributions">
      <header className="card-header">
        <strong>Next character</strong>
        <span className="muted">held-out text; click a character, or use the slider</span>
      </header>
      <div className="field">
        <label htmlFor="next-position">Position in the held-out text</label>
        <input
          id="next-position"
          type="range"
          min={0}
          max={passage.length - 2}
          value={position}
          onChange={(e) => setPosition(Number(e.target.value))}
        />
      </div>
      {/* Focusable: the passage scrolls, and the keyboard must be able to scroll it too. */}
      <p className="passage" aria-label="Held-out passage" tabIndex={0}>
        {Array.from(passage, (ch, i) => (
          <span
            key={i}
            className={
              i === position ? 'pos' : i >= from && i < position ? 'ctx' : i === position + 1 ? 'next' : undefined
            }
            onClick={() => setPosition(Math.min(i, passage.length - 2))}
          >
            {ch === '\n' ? '↵\n' : ch}
          </span>
        ))}
      </p>
      {current && dists ? (
        <>
          <p className="next-summary">
            After “…{passage.slice(Math.max(from, position - 24), position + 1).replace(/\n/g, '↵')}” the text goes on
            with <code className="char">{showChar(data.vocab[current.actual]!)}</code>. Teacher gives it{' '}
            <strong>{percent(dists.teacher1[current.actual], 1)}</strong>, student {lane + 1}{' '}
            <strong>{percent(dists.student1[studentActual(current.actual)], 1)}</strong>; KL(teacher‖student) here{' '}
            <strong>{fixed(kl(dists.teacherInStudent, dists.student1), 3)}</strong> nats
            {data.student ? ' (in the student’s vocabulary)' : ''}.
            {laneConfig?.schedule.temperature !== 'constant' && laneConfig ? (
              <span className="muted">
                {' '}
                Student {lane + 1}’s temperature follows a {laneConfig.schedule.temperature} schedule: T = {shownT} at
                step {stepsDone.toLocaleString('en-US')}.
              </span>
            ) : null}
          </p>
          <div className="top-ten-row">
            <TopTen
              title={`Teacher at T = ${shownT}`}
              probs={dists.teacherT}
              vocab={data.vocab}
              actual={current.actual}
              color={TEACHER_COLOR}
            />
            <TopTen
              title={`Student ${lane + 1} at T = ${shownT}`}
              probs={dists.studentT}
              vocab={studentVocab}
              actual={studentActual(current.actual)}
              color={laneColor(lane)}
            />
            {shownT !== 1 ? (
              <>
                <TopTen
                  title="Teacher at T = 1"
                  probs={dists.teacher1}
                  vocab={data.vocab}
                  actual={current.actual}
                  color={TEACHER_COLOR}
                />
                <TopTen
                  title={`Student ${lane + 1} at T = 1`}
                  probs={dists.student1}
                  vocab={studentVocab}
                  actual={studentActual(current.actual)}
                  color={laneColor(lane)}
                />
              </>
            ) : null}
          </div>
        </>
      ) : (
        <p className="muted">Computing…</p>
      )}
    </section>
  );
}
