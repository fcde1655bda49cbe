/** The layout of a session's series, as the UI needs it after every start or restart of the students. */
import type { Session } from '../engine/session';
import type { RunLayout } from './protocol';

export function runLayout(session: Session): RunLayout {
  return {
    lanes: session.lanes.length,
    studentParams: session.lanes[0]!.student.paramCount,
    lossColumns: session.lossColumns,
    evalColumns: session.evalColumns,
  };
}
