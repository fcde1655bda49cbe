/**
 * The student as a draft model, live (DistillSpec; speculative decoding): one lane drafts γ = 4
 * characters, the teacher verifies them in one forward pass, and the characters that stand are
 * marked. Off until asked: the worker writes the text only on "Run the demo", between training
 * ticks (draft.ts), so it costs nothing otherwise.
 */
import { useId, useState } from 'react';
import { getObjective } from '../../../objectives';
import { DRAFT_GAMMA } from '../../../metrics/acceptance';
import { useConfigStore } from '../../../state/config';
import { useRunStore } from '../../../state/run';
import { useViewQuery } from '../../../state/view-query';
import type { DraftDemo } from '../../../worker/protocol';
import { languageTask } from '../language';
import './draft.css';

/** Characters the demo writes. */
export const DRAFT_LENGTH = 120;

type Mode = 'sampling' | 'greedy';
const MODES: Record<Mode, string> = { sampling: 'Sampling at T = 1', greedy: 'Greedy' };
const MODE_PHRASES: Record<Mode, string> = { sampling: 'sampling at T = 1', greedy: 'greedy decoding' };

function DraftText({ demo }: { demo: DraftDemo }) {
  // Runs of characters with the same author, so the page has a few spans, not one per character.
  const runs: { drafted: boolean; text: string }[] = [];
  Array.from(demo.text).forEach((ch, i) => {
    const drafted = demo.drafted[i] === 1;
    const last = runs[runs.length - 1];
    if (last && last.drafted === drafted) last.text += ch;
    else runs.push({ drafted, text: ch });
  });
  return (
    <p className="sample-text draft-text" aria-label="Drafted text">
      <span className="sample-prompt">{demo.prompt}</span>
      {runs.map((r, i) =>
        r.drafted ? (
          <mark key={i} className="draft-accepted">
            {r.text}
          </mark>
        ) : (
          <span key={i}>{r.text}</span>
        ),
      )}
    </p>
  );
}

function Counts({ demo }: { demo: DraftDemo }) {
  const chars = demo.text.length;
  const rate = demo.proposed ? demo.accepted / demo.proposed : 0;
  return (
    <p className="muted" aria-label="Draft counts">
      {chars} characters in {demo.calls} teacher calls: {(chars / Math.max(1, demo.calls)).toFixed(2)} per call ·{' '}
      {demo.accepted} of {demo.proposed} drafts accepted ({(100 * rate).toFixed(0)}%)
    </p>
  );
}

export function DraftPanel() {
  const laneId = useId();
  const modeId = useId();
  const task = useConfigStore((s) => languageTask(s.config.task));
  const objectives = useConfigStore((s) => s.config.lanes.map((l) => l.objective).join(','));
  const session = useRunStore((s) => s.session);
  const [lane, setLane] = useState(0);
  const [mode, setMode] = useState<Mode>('sampling');
  // What was asked, and how many times: a click asks again with the students as they are then.
  const [asked, setAsked] = useState<{ args: { lane: number; mode: Mode; length: number }; n: number } | null>(null);
  const answer = useViewQuery('draft', asked?.args ?? null, asked?.n);
  if (!task) return null;
  const names = objectives.split(',').slice(0, session?.lanes ?? 0);
  const ownVocab = (task.studentVocab ?? 'shared') !== 'shared';
  const chosen = Math.min(lane, Math.max(0, names.length - 1));
  const run = () => {
    if (!session || ownVocab) return;
    setAsked((a) => ({ args: { lane: chosen, mode, length: DRAFT_LENGTH }, n: (a?.n ?? 0) + 1 }));
  };
  const shown = answer?.value;
  return (
    <section className="card samples" aria-label="Draft model demo">
      <header className="card-header">
        <strong>The student as a draft model</strong>
        <span className="muted">
          a student drafts {DRAFT_GAMMA} characters, the teacher checks them in one call (speculative decoding)
        </span>
      </header>
      {ownVocab ? (
        <p className="muted">
          Drafts are checked character by character: this needs students that share the teacher’s vocabulary.
        </p>
      ) : (
        <div className="draft-controls">
          <div className="field">
            <label htmlFor={laneId}>Drafting student</label>
            <select id={laneId} value={chosen} onChange={(e) => setLane(Number(e.target.value))}>
              {names.map((id, i) => (
                <option key={i} value={i}>
                  Student {i + 1} · {getObjective(id).name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={modeId}>Decoding</label>
            <select id={modeId} value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
              {(Object.keys(MODES) as Mode[]).map((m) => (
                <option key={m} value={m}>
                  {MODES[m]}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="btn btn-small btn-primary"
            aria-disabled={!session}
            onClick={run}
            title={session ? undefined : 'Press Play or Step first: the teacher loads then'}
          >
            {asked ? 'Run the demo again' : 'Run the demo'}
          </button>
        </div>
      )}
      {shown ? (
        <>
          <DraftText demo={shown} />
          <p className="draft-legend">
            <mark className="draft-accepted">underlined</mark>: drafted by student {asked!.args.lane + 1} and accepted
            by the teacher; plain: written by the teacher (a correction, or the character after a full draft).
            {answer
              ? ` Students at step ${answer.step.toLocaleString('en-US')}, ${MODE_PHRASES[asked!.args.mode]}.`
              : ''}
          </p>
          <Counts demo={shown} />
        </>
      ) : asked && !ownVocab ? (
        <p className="muted">Drafting…</p>
      ) : !session ? (
        <p className="muted">Press Play or Step to load the teacher; then run the demo.</p>
      ) : null}
    </section>
  );
}
