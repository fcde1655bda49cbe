/**
 * What the views get from the worker. The decision-boundary and image views are pushed their
 * logits (`views` events; the controller throttles them); every other view asks for what it
 * shows by name (`query`), and the answer is stamped with the students' epoch and step so the
 * UI can drop a stale one.
 */
import type { Session } from '../engine/session';
import { TEXT_VOCAB } from '../tasks/text/normalise';
import { cleanPrompt } from '../tasks/text/prompt';
import { studentVocab } from '../tasks/text/student-vocab';
import { createVocab } from '../tasks/text/vocab';
import type { Emit, QueryArgs, QueryName, QueryResult } from './protocol';

export class ViewPoster {
  /** Evaluation step of the image views last sent (-1: none, or a toy task). */
  private viewsEvalStep = -1;

  constructor(private readonly emit: Emit) {}

  /** New students (a session or a reset): whatever was sent is out of date. */
  forget(): void {
    this.viewsEvalStep = -1;
  }

  /** Sends the views' logits if they changed; a task without such views (text) sends nothing. */
  async post(session: Session): Promise<void> {
    // Image views come from the latest evaluation: nothing new to send until the next one.
    const fromEval = !session.data.grid;
    if (fromEval && session.lastEvalStep === this.viewsEvalStep) return;
    this.viewsEvalStep = fromEval ? session.lastEvalStep : -1;
    const views = await session.viewLogits();
    if (!views) return;
    // Teacher arrays are reused by the session, so they are copied, not transferred.
    this.emit(
      { type: 'views', views },
      views.lanes.flatMap((l) => [l.test.buffer, ...(l.grid ? [l.grid.buffer] : [])]),
    );
  }
}

type Handlers = { [N in QueryName]: (s: Session, args: QueryArgs<N>) => Promise<QueryResult<N> | null> };

const HANDLERS: Handlers = {
  saliency: (s, { index }) => s.saliency(index),
  async samples(s, { length }) {
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
    };
  },
  async nextTokens(s, { position }) {
    if (s.config.task.kind !== 'text') return null;
    return { position, ...(await s.nextTokens(position)) };
  },
};

/** Answers view query `name` from the session's current students. */
export async function answerQuery<N extends QueryName>(
  s: Session,
  name: N,
  args: QueryArgs<N>,
): Promise<QueryResult<N> | null> {
  // The name comes over a message channel: only the table's own entries answer.
  if (!Object.hasOwn(HANDLERS, name)) throw new Error(`Unknown view query: ${String(name)}`);
  // A mapped type indexed by a generic key loses the link between key and handler: restore it.
  const handler = HANDLERS[name] as (s: Session, args: QueryArgs<N>) => Promise<QueryResult<N> | null>;
  return handler(s, args);
}
