/**
 * What the views get from the worker: the decision-boundary and image views are pushed their
 * logits (`views` events; the controller throttles them); the others ask (saliency, samples,
 * next-token distributions).
 */
import type { Session } from '../engine/session';
import { TEXT_VOCAB } from '../tasks/text/normalise';
import { cleanPrompt } from '../tasks/text/prompt';
import { studentVocab } from '../tasks/text/student-vocab';
import { createVocab } from '../tasks/text/vocab';
import type { Emit, NextTokens, TextSamples } from './protocol';

type SaliencyMaps = { teacher: Float32Array; lanes: Float32Array[]; predicted: number };

export class ViewPoster {
  /** Evaluation step of the image views last sent (-1: none, or a toy task). */
  private viewsEvalStep = -1;

  constructor(private readonly emit: Emit) {}

  /** New students (a session or a reset): whatever was sent is out of date. */
  forget(): void {
    this.viewsEvalStep = -1;
  }

  /** Sends the views' logits if they changed. */
  async post(session: Session): Promise<void> {
    // Image views come from the latest evaluation: nothing new to send until the next one.
    const fromEval = !session.data.grid;
    if (fromEval && session.lastEvalStep === this.viewsEvalStep) return;
    this.viewsEvalStep = fromEval ? session.lastEvalStep : -1;
    const views = await session.viewLogits();
    // Teacher arrays are reused by the session, so they are copied, not transferred.
    this.emit(
      { type: 'views', views },
      views.lanes.flatMap((l) => [l.test.buffer, ...(l.grid ? [l.grid.buffer] : [])]),
    );
  }
}

/** Gradient × input saliency of one test image, for the teacher and every student. */
export function saliency(s: Session, index: number): Promise<SaliencyMaps> {
  return s.saliency(index);
}

/** Text: `length` characters from the teacher and every student after the config's prompt. */
export async function samples(s: Session, length: number): Promise<TextSamples | null> {
  if (s.config.task.kind !== 'text') return null;
  const vocab = createVocab(TEXT_VOCAB);
  const { text } = cleanPrompt(s.config.task.prompt);
  // A prompt with nothing left in the vocabulary starts from a paragraph break.
  const prompt = text.length ? text : '\n';
  const n = Math.max(1, Math.min(400, Math.floor(length)));
  const out = await s.samples(vocab.encode(prompt), n);
  // Students with a vocabulary of their own write in it.
  const own = studentVocab(s.config.task.studentVocab);
  const studentVocabulary = own ? createVocab(own.chars) : vocab;
  return {
    prompt,
    teacher: vocab.decode(out.teacher),
    lanes: out.lanes.map((l) => studentVocabulary.decode(l)),
    step: s.step,
  };
}

/** Text: next-token logits after `position` of the held-out passage. */
export async function nextTokens(s: Session, position: number): Promise<NextTokens | null> {
  if (s.config.task.kind !== 'text') return null;
  return { position, ...(await s.nextTokens(position)), step: s.step };
}
