/**
 * The speculative-decoding demo (DistillSpec): a student lane drafts γ characters, the teacher
 * scores the window with the drafts in one forward pass (one "call"), and lib/speculative.ts
 * decides which drafts stand. Each round runs in one slice, so training goes on between rounds;
 * a transformer student drafts from a snapshot of its weights taken in the first slice, so the
 * whole text is that of one step.
 *
 * Each round reads the last (context − γ) characters of the text, so that the window and its
 * drafts fit the models' context: near the start of the window this sees up to γ characters
 * less than the models could, the same for every lane.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../../lib/rng';
import { argmax, drawFrom, probabilities, verifyDraft, type DraftMode } from '../../../lib/speculative';
import { DRAFT_GAMMA } from '../../../metrics/acceptance';
import type { Slicer } from '../../../engine/models/generate';
import { isSequenceModel, type Autoregressive } from '../../../engine/models/sequence';
import { createDecoder, isDecodable, snapshot, type Decodable } from '../../../engine/models/transformer-decode';
import type { Model } from '../../../engine/models/types';
import type { Session } from '../../../engine/session';

type Generator = Autoregressive | Decodable;

export interface DraftRun {
  /** The ids written after the prompt. */
  ids: Int32Array;
  /** Per id: 1 when the student drafted it and the teacher accepted it, 0 when the teacher wrote it. */
  drafted: Uint8Array;
  /** Teacher forward passes (rounds). */
  calls: number;
  /** Drafts proposed and accepted. */
  proposed: number;
  accepted: number;
}

function sequenceOf(m: Model): Autoregressive {
  if (!isSequenceModel(m)) throw new Error('This model does not generate text');
  return m.sequence;
}

/** Logits [n, vocab] at the last `n` positions of `window` (one row), read back once. */
async function lastLogits(model: Generator, window: Int32Array, n: number): Promise<Float32Array[]> {
  const out = tf.tidy(() => {
    if (isDecodable(model)) {
      const decoder = createDecoder(model, 1);
      try {
        const all = decoder.feed(Int32Array.from(window));
        return tf.slice(all, [window.length - n, 0], [n, -1]);
      } finally {
        decoder.dispose();
      }
    }
    const { logits } = model.forward(tf.tensor2d(Int32Array.from(window), [1, window.length], 'int32'));
    return tf.reshape(tf.slice(logits, [0, window.length - n, 0], [1, n, -1]), [n, -1]);
  });
  const values = (await out.data()) as Float32Array;
  const vocab = out.shape[1]!;
  out.dispose();
  return Array.from({ length: n }, (_, i) => values.subarray(i * vocab, (i + 1) * vocab));
}

/**
 * `length` characters after `prompt`, the student of lane `lane` drafting DRAFT_GAMMA at a time
 * and the teacher verifying, sampling at T = 1 or greedily.
 */
export async function speculativeRun(
  session: Session,
  prompt: Int32Array,
  lane: number,
  mode: DraftMode,
  length: number,
  slice: Slicer,
  gamma: number = DRAFT_GAMMA,
): Promise<DraftRun> {
  const chosen = session.lanes[lane];
  if (!chosen) throw new Error(`There is no lane ${lane + 1}`);
  const teacher = sequenceOf(session.teacher.model) as Generator;
  const frozen = await slice(async () => {
    const seq = sequenceOf(chosen.student);
    return isDecodable(seq) ? snapshot(seq) : null;
  });
  const student: Generator = frozen ?? sequenceOf(chosen.student);
  const window = Math.min(teacher.config.context, student.config.context) - gamma;
  const rng = createRng(session.config.seed, `draft:${mode}`);
  const tokens = Array.from(prompt);
  const drafted: number[] = [];
  let calls = 0;
  let proposed = 0;
  let accepted = 0;
  const round = async () => {
    const base = tokens.slice(-window);
    const draft: number[] = [];
    const q: Float64Array[] = [];
    for (let i = 0; i < gamma; i++) {
      const [logits] = await lastLogits(student, Int32Array.from([...base, ...draft]), 1);
      const qi = probabilities(logits!);
      q.push(qi);
      draft.push(mode === 'greedy' ? argmax(qi) : drawFrom(qi, rng.next()));
    }
    const p = (await lastLogits(teacher, Int32Array.from([...base, ...draft]), gamma + 1)).map(probabilities);
    const verdict = verifyDraft(draft, p, q, mode, rng);
    calls++;
    proposed += gamma;
    accepted += verdict.accepted;
    for (let i = 0; i < verdict.accepted; i++) {
      tokens.push(draft[i]!);
      drafted.push(1);
    }
    tokens.push(verdict.next);
    drafted.push(0);
  };
  try {
    // A student whose weights are not frozen (the window MLP, cheap) writes in one slice.
    if (frozen) while (drafted.length < length) await slice(round);
    else
      await slice(async () => {
        while (drafted.length < length) await round();
      });
  } finally {
    frozen?.dispose();
  }
  return {
    ids: Int32Array.from(tokens.slice(prompt.length, prompt.length + length)),
    drafted: Uint8Array.from(drafted.slice(0, length)),
    calls,
    proposed,
    accepted,
  };
}
