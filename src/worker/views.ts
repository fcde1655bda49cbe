/**
 * What the views get from the worker. The decision-boundary and image views are pushed their
 * logits (`views` events; the controller throttles them); every other view asks for what it
 * shows by name (`query`), and the answer is stamped with the students' epoch and step so the
 * UI can drop a stale one.
 */
import type { Session } from '../engine/session';
import { engineFor, isQueryName } from '../tasks/engine';
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

/** Answers view query `name` from the session's current students. */
export async function answerQuery<N extends QueryName>(
  s: Session,
  name: N,
  args: QueryArgs<N>,
): Promise<QueryResult<N> | null> {
  // The name comes over a message channel: only a task's own entries answer, and a query of
  // another task (a view a moment behind a task switch) gets nothing.
  if (!isQueryName(name)) throw new Error(`Unknown view query: ${String(name)}`);
  const queries = engineFor(s.config.task).queries ?? {};
  if (!Object.hasOwn(queries, name)) return null;
  // A mapped type indexed by a generic key loses the link between key and handler: restore it.
  const handler = queries[name] as (s: Session, args: QueryArgs<N>) => Promise<QueryResult<N> | null>;
  return handler(s, args);
}
