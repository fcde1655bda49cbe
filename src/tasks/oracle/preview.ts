import { GRID_SIZE } from '../../lib/grid';
import { ORACLE_EXTENT, oracleDraws } from './oracle';
import type { OracleTask } from './schema';

/** Host copies of the oracle task's points: the teacher's labelled draws and the held-out set. */
export interface OraclePreview {
  kind: 'oracle';
  classes: number;
  classNames?: undefined;
  trainX: Float32Array;
  trainY: Int32Array;
  testX: Float32Array;
  testY: Int32Array;
  /** The students' offline pool. */
  poolX: Float32Array;
  extent: number;
  gridSize: number;
}

export function oraclePreview(task: OracleTask, seed: number): OraclePreview {
  const d = oracleDraws(task, seed);
  return {
    kind: 'oracle',
    classes: task.classes,
    trainX: d.teacherX,
    trainY: d.teacherY,
    testX: d.testX,
    testY: d.testY,
    poolX: d.poolX,
    extent: ORACLE_EXTENT,
    gridSize: GRID_SIZE,
  };
}
