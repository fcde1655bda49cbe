/**
 * Samples side by side: the teacher and every student continue the same prompt with the same
 * seed and temperature. They are refreshed every `sampleEvery` steps (and when the prompt,
 * the temperature or the seed changes); the teacher is frozen, so its text never changes.
 * Writing them costs the worker SAMPLE_LENGTH cached decoding steps per model, in stretches of
 * about 25 ms between training steps (queries.ts), so training slows while they are written
 * but never stops; they can be turned off.
 */
import { useState } from 'react';
import { getObjective } from '../../../objectives';
import { useConfigStore } from '../../../state/config';
import { useRunStore } from '../../../state/run';
import { useViewQuery } from '../../../state/view-query';
import { TextField } from '../../../ui/controls/fields';
import { languagePreview, languageTask } from '../language';
import { TEXT_VOCAB } from '../normalise';
import { cleanPrompt } from '../prompt';
import { TEACHER_COLOR, laneColor } from '../../../ui/palette';

/** Characters each model writes. */
export const SAMPLE_LENGTH = 160;

function Sample({ who, color, prompt, text }: { who: string; color: string; prompt: string; text?: string }) {
  return (
    <figure className="sample" aria-label={`${who} sample`}>
      <figcaption>
        <span className="lane-swatch" style={{ background: color }} aria-hidden="true" /> {who}
      </figcaption>
      <p className="sample-text">
        <span className="sample-prompt">{prompt}</span>
        {text ?? <span className="muted">…</span>}
      </p>
    </figure>
  );
}

export function SamplesPanel() {
  const task = useConfigStore((s) => languageTask(s.config.task));
  const vocab = useRunStore((s) => languagePreview(s.data)?.vocab ?? TEXT_VOCAB);
  const seed = useConfigStore((s) => s.config.seed);
  const objectives = useConfigStore((s) => s.config.lanes.map((l) => l.objective).join(','));
  const session = useRunStore((s) => s.session);
  const step = useRunStore((s) => s.step);
  const every = task?.sampleEvery ?? 100;
  const round = Math.floor(step / every);
  const prompt = task?.prompt ?? '';
  const temperature = task?.samplingTemperature;
  const [writing, setWriting] = useState(true);
  // Refreshed every `sampleEvery` steps (not at each evaluation: generating is dear), and
  // whenever what the samples depend on changes.
  const answer = useViewQuery(
    'samples',
    writing ? { length: SAMPLE_LENGTH } : null,
    JSON.stringify([round, prompt, temperature, seed, objectives]),
  );
  const samples = answer?.value;
  if (!task) return null;
  const { dropped } = cleanPrompt(task.prompt, vocab);
  const names = objectives.split(',');
  return (
    <section className="card samples" aria-label="Samples">
      <header className="card-header">
        <strong>Samples</strong>
        <span className="muted">
          same prompt, seed {seed}, temperature {task.samplingTemperature}; every {every} steps
          {answer && writing ? ` · students at step ${answer.step.toLocaleString('en-US')}` : ''}
        </span>
        <label className="samples-toggle">
          <input type="checkbox" checked={writing} onChange={(e) => setWriting(e.target.checked)} /> Write samples
        </label>
      </header>
      <TextField
        path="task.prompt"
        label="Prompt"
        hint={
          dropped.length
            ? `Not in the vocabulary, dropped: ${dropped.map((c) => JSON.stringify(c)).join(' ')}`
            : vocab === TEXT_VOCAB
              ? 'Lowercase letters, digits, punctuation; Enter to apply'
              : 'Characters of the text; Enter to apply'
        }
      />
      {!writing ? (
        <p className="muted">
          Samples are off: the worker spends that time training. Tick “Write samples” to see them.
        </p>
      ) : session ? (
        <div className="sample-grid">
          <Sample who="Teacher" color={TEACHER_COLOR} prompt={samples?.prompt ?? ''} text={samples?.teacher} />
          {names.slice(0, session.lanes).map((id, i) => (
            <Sample
              key={i}
              who={`Student ${i + 1} · ${getObjective(id).name}`}
              color={laneColor(i)}
              prompt={samples?.prompt ?? ''}
              text={samples?.lanes[i]}
            />
          ))}
        </div>
      ) : (
        <p className="muted">Press Play or Step to load the teacher; samples appear here.</p>
      )}
    </section>
  );
}
