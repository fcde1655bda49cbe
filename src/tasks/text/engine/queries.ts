/** What the text views ask the worker for: samples after a prompt, next-token distributions. */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../../lib/rng';
import { generateBatch, type Slicer } from '../../../engine/models/generate';
import { isSequenceModel, type Autoregressive } from '../../../engine/models/sequence';
import { isDecodable, snapshot, type Decodable } from '../../../engine/models/transformer-decode';
import type { Model } from '../../../engine/models/types';
import type { Session } from '../../../engine/session';
import type { TaskQueries } from '../../engine-types';
import { languageTask } from '../language';
import { cleanPrompt, emptyPromptStart } from '../prompt';
import { studentVocab } from '../student-vocab';
import { createVocab } from '../vocab';
import { speculativeRun } from './draft';

function asSequence(m: Model) {
  if (!isSequenceModel(m)) throw new Error('This model does not generate text');
  return m.sequence;
}

/**
 * Shortest stretch of sampling between two training ticks; a stretch may run as long as the
 * last tick did, so training keeps about half the worker while samples are written and a
 * sample takes about twice its own time. Measured on WASM (bench text): README's Performance
 * section has the longest pause it gives.
 */
export const SAMPLE_SLICE_MS = 25;

/** A stretch's budget under `slice`: as long as training's last tick, at least SAMPLE_SLICE_MS. */
export const stretchMs = (slice: Slicer) => (): number => Math.max(SAMPLE_SLICE_MS, slice.trainingMs?.() ?? 0);

const atOnce: Slicer = (work) => work();

/** The teacher's latest sample per session (it is frozen: same prompt and settings, same text). */
const teacherSamples = new WeakMap<Session, { key: string; ids: Int32Array }>();

/**
 * Text: `length` characters sampled from the teacher and every lane after the same prompt,
 * with the same seed and temperature. The teacher never changes, so its sample is cached.
 *
 * `slice` runs the work (the worker queues each stretch between training ticks). Students
 * that decode with the key/value cache write from a snapshot of their weights taken in the
 * first slice, so training can go on between slices and the text is still that of one step;
 * another model (the window MLP, cheap) writes in one slice.
 */
export async function textSamples(
  session: Session,
  prompt: Int32Array,
  length: number,
  slice: Slicer = atOnce,
): Promise<{ teacher: Int32Array; lanes: Int32Array[] }> {
  const task = languageTask(session.config.task);
  if (!task) throw new Error('Samples need a language task');
  const options = () => ({
    temperature: task.samplingTemperature,
    rng: createRng(session.config.seed, 'samples'),
    slices: { run: slice, ms: stretchMs(slice) },
  });
  // A student with its own vocabulary continues the prompt written in it (and answers in it).
  const map = session.data.host.text?.student?.map;
  const studentPrompt = map ? prompt.map((id) => map[id]!) : prompt;
  const snapshots: { dispose(): void }[] = [];
  const students = await slice(async () =>
    session.lanes.map((lane): Autoregressive | Decodable => {
      const seq = asSequence(lane.student);
      if (!isDecodable(seq)) return seq;
      const frozen = snapshot(seq);
      snapshots.push(frozen);
      return frozen;
    }),
  );
  try {
    const key = JSON.stringify([Array.from(prompt), length, task.samplingTemperature]);
    if (teacherSamples.get(session)?.key !== key) {
      const ids = await generateBatch(asSequence(session.teacher.model), prompt, 1, length, options());
      teacherSamples.set(session, { key, ids });
    }
    const lanes: Int32Array[] = [];
    for (const student of students) {
      lanes.push(
        isDecodable(student)
          ? await generateBatch(student, studentPrompt, 1, length, options())
          : await slice(() => generateBatch(student, studentPrompt, 1, length, { ...options(), slices: undefined })),
      );
    }
    return { teacher: teacherSamples.get(session)!.ids, lanes };
  } finally {
    snapshots.forEach((s) => s.dispose());
  }
}
/**
 * Text: the teacher's and every lane's next-token logits after `position` of the held-out
 * text (reading the `context` characters that end there), and the character that follows.
 */
export async function nextTokensAt(
  session: Session,
  position: number,
): Promise<{ teacher: Float32Array; lanes: Float32Array[]; actual: number }> {
  const text = session.data.host.text;
  if (!text) throw new Error('Next-token views need the text task');
  const context = session.data.inputShape[0]!;
  const at = Math.max(0, Math.min(Math.floor(position), text.ids.length - text.trainEnd - 2)) + text.trainEnd;
  const window = text.ids.slice(Math.max(text.trainEnd, at - context + 1), at + 1);
  const models = [session.teacher.model, ...session.lanes.map((l) => l.student)];
  const last = tf.tidy(() => {
    const x = tf.tensor2d(window, [1, window.length], 'int32');
    return models.map((m) => tf.slice(m.forward(x).logits, [window.length - 1, 0], [1, -1]));
  });
  const values = (await Promise.all(last.map((t) => t.data()))) as Float32Array[];
  tf.dispose(last);
  return { teacher: values[0]!, lanes: values.slice(1), actual: text.ids[at + 1]! };
}

/** The text views' questions: samples after the config's prompt, next-token distributions. */
export const textQueries: TaskQueries = {
  async samples(s, { length }, slice) {
    const task = languageTask(s.config.task);
    const chars = s.data.host.text?.vocab;
    if (!task || chars === undefined) return null;
    const vocab = createVocab(chars);
    const { text } = cleanPrompt(task.prompt, chars);
    // A prompt with nothing left in the vocabulary starts from a paragraph break.
    const prompt = text.length ? text : emptyPromptStart(chars);
    const n = Math.max(1, Math.min(400, Math.floor(length)));
    const out = await textSamples(s, vocab.encode(prompt), n, slice);
    // Students with a vocabulary of their own write in it.
    const own = studentVocab(task.studentVocab ?? 'shared');
    const studentVocabulary = own ? createVocab(own.chars) : vocab;
    return {
      prompt,
      teacher: vocab.decode(out.teacher),
      lanes: out.lanes.map((l) => studentVocabulary.decode(l)),
    };
  },
  async draft(s, { lane, mode, length }, slice) {
    const task = languageTask(s.config.task);
    const chars = s.data.host.text?.vocab;
    // Drafts are verified token by token: the student must write in the teacher's vocabulary.
    if (!task || chars === undefined || s.data.host.text?.student || !s.lanes[lane]) return null;
    const vocab = createVocab(chars);
    const { text } = cleanPrompt(task.prompt, chars);
    const prompt = text.length ? text : emptyPromptStart(chars);
    const n = Math.max(1, Math.min(400, Math.floor(length)));
    const { ids, ...counts } = await speculativeRun(s, vocab.encode(prompt), lane, mode, n, slice);
    return { prompt, text: vocab.decode(ids), ...counts };
  },
  nextTokens: (s, { position }, slice) => slice(async () => ({ position, ...(await nextTokensAt(s, position)) })),
};
