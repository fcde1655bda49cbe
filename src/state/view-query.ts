/**
 * How a view asks the worker for what it shows (ViewQueries in worker/protocol): the answer to
 * `query(name, args)`, asked again whenever the students move on. By default that is each new
 * evaluation, which the view learns from the metric batches the run store already receives; a
 * view with its own rhythm (samples every N steps) passes its own `clock`. At most ~4
 * questions a second, one at a time; an answer about other students (another epoch: a new
 * session, a Reset, a restore) or older than the one shown is never shown.
 */
import { useEffect, useState } from 'react';
import { ThrottledAsker } from '../lib/throttled-asker';
import type { QueryAnswer, QueryArgs, QueryName } from '../worker/protocol';
import { useRunStore } from './run';
import { studio } from './studio';

/** Least time between two questions from one view. */
export const QUERY_INTERVAL_MS = 250;

export interface Shown<N extends QueryName> {
  /** The arguments asked with, as JSON. */
  key: string;
  answer: QueryAnswer<N>;
}

/**
 * What to show once `answer` (to the question with `key`) arrives: it, unless it is about
 * students other than the current ones (`epoch`, as the run store knows it) or older than the
 * answer shown to the same question.
 */
export function nextShown<N extends QueryName>(
  prev: Shown<N> | null,
  key: string,
  answer: QueryAnswer<N> | null,
  epoch: number | undefined,
): Shown<N> | null {
  if (!answer || answer.epoch !== epoch) return prev;
  const older = prev && prev.key === key && prev.answer.epoch === answer.epoch && answer.step < prev.answer.step;
  return older ? prev : { key, answer };
}

/**
 * The latest answer to `name` with `args` (compared by value) for the current students, or
 * null until there is one. `args` null: nothing to ask yet.
 */
export function useViewQuery<N extends QueryName>(
  name: N,
  args: QueryArgs<N> | null,
  clock?: string | number,
): QueryAnswer<N> | null {
  const session = useRunStore((s) => s.session);
  const epoch = useRunStore((s) => s.epoch);
  const evalStep = useRunStore((s) => s.evalStep);
  const [asker] = useState(() => new ThrottledAsker<QueryAnswer<N> | null>(QUERY_INTERVAL_MS));
  const [shown, setShown] = useState<Shown<N> | null>(null);
  const key = args === null ? null : JSON.stringify(args);
  const ready = session !== undefined && epoch !== undefined && key !== null;
  const tick = ready ? `${epoch}|${clock ?? evalStep ?? ''}` : null;

  useEffect(() => {
    if (tick === null || key === null) return;
    // The key is the arguments' JSON: asking with it keeps the question equal to what is compared.
    const asked = JSON.parse(key) as QueryArgs<N>;
    asker.want(
      () => studio.query(name, asked),
      // Answers come in the order asked, but the store may already be about newer students.
      (answer) => setShown((prev) => nextShown(prev, key, answer, useRunStore.getState().epoch)),
    );
  }, [asker, name, key, tick]);

  useEffect(() => () => asker.cancel(), [asker]);

  return ready && shown && shown.key === key && shown.answer.epoch === epoch ? shown.answer : null;
}
