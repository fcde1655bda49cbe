/**
 * What the views get from the worker. The decision-boundary and image views are pushed their
 * logits (`views` events; the controller throttles them); every other view asks for what it
 * shows by name (`query`), and the answer is stamped with the students' epoch and step so the
 * UI can drop a stale one.
 */
import type { Session } from '../engine/session';
import { engineFor, isQueryName } from '../tasks/engine';
import type { Slicer } from '../tasks/engine-types';
import type { Emit, QueryAnswer, QueryArgs, QueryName, QueryResult } from './protocol';

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

/** Answers view query `name` from the session's current students, its work run by `slice`. */
export async function answerQuery<N extends QueryName>(
  s: Session,
  name: N,
  args: QueryArgs<N>,
  slice: Slicer,
): Promise<QueryResult<N> | null> {
  // The name comes over a message channel: only a task's own entries answer, and a query of
  // another task (a view a moment behind a task switch) gets nothing.
  if (!isQueryName(name)) throw new Error(`Unknown view query: ${String(name)}`);
  const queries = engineFor(s.config.task).queries ?? {};
  if (!Object.hasOwn(queries, name)) return null;
  // A mapped type indexed by a generic key loses the link between key and handler: restore it.
  const handler = queries[name] as (s: Session, args: QueryArgs<N>, slice: Slicer) => Promise<QueryResult<N> | null>;
  return handler(s, args, slice);
}

/** A query's students were replaced between two of its slices: its answer would be about nobody. */
class StaleQuery extends Error {}

export interface SliceHooks {
  /** Runs `fn` after everything queued before it (the controller's serial queue). */
  serial<T>(fn: () => Promise<T>): Promise<T>;
  /** The session and the students' epoch now. */
  students(): { session?: Session; epoch: number };
  /** How long training's last tick took (ms; 0 when not training): a slice may take as long. */
  trainingMs?(): number;
}

/**
 * Answers `name` with its work in slices, each run in the queue between training ticks, so a
 * long answer (160 characters per model) never holds training for its whole length. The answer
 * is about the students of its first slice (their step stamps it); null once they are gone.
 */
export async function askInSlices<N extends QueryName>(
  hooks: SliceHooks,
  name: N,
  args: QueryArgs<N>,
): Promise<QueryAnswer<N> | null> {
  const begun = await hooks.serial(async () => hooks.students());
  const s = begun.session;
  if (!s) return null;
  let step: number | undefined;
  const run = <T>(work: () => Promise<T>): Promise<T> =>
    hooks.serial(async () => {
      const now = hooks.students();
      if (now.session !== s || now.epoch !== begun.epoch) throw new StaleQuery();
      step ??= s.step;
      return work();
    });
  const slice: Slicer = Object.assign(run, { trainingMs: () => hooks.trainingMs?.() ?? 0 });
  try {
    const value = await answerQuery(s, name, args, slice);
    return value === null ? null : { epoch: begun.epoch, step: step ?? s.step, value };
  } catch (e) {
    if (e instanceof StaleQuery) return null;
    throw e;
  }
}
