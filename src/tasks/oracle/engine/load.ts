import * as tf from '@tensorflow/tfjs';
import { GRID_SIZE, gridPoints } from '../../../lib/grid';
import type { TaskData } from '../../../engine/task-data';
import { ORACLE_EXTENT, makeOracle, oracleDraws } from '../oracle';
import type { OracleTask } from '../schema';
import { oracleStepSource } from './step-source';

/** Pool inputs evaluated at each evaluation (the proxy distance where the pool lanes train). */
const PROBE_ROWS = 512;

/**
 * The teacher trains on labels drawn from the oracle (its labelled draws are the training set);
 * the students' batches come from the step source; the held-out set carries the oracle's logits
 * for the golden distance; once the teacher is ready, its logits on the pool form the probe.
 */
export function loadOracle(task: OracleTask, seed: number): TaskData {
  const oracle = makeOracle(task, seed);
  const d = oracleDraws(task, seed, oracle);
  const tensors = {
    trainX: tf.tensor2d(d.teacherX, [task.teacherPoints, 2]),
    trainY: tf.tensor1d(d.teacherY, 'int32'),
    testX: tf.tensor2d(d.testX, [task.testPoints, 2]),
    testY: tf.tensor1d(d.testY, 'int32'),
    golden: tf.tensor2d(d.testLogits, [task.testPoints, task.classes]),
    gridX: tf.tensor2d(gridPoints(GRID_SIZE, ORACLE_EXTENT), [GRID_SIZE * GRID_SIZE, 2]),
  };
  const probeRows = Math.min(PROBE_ROWS, task.pool);
  const probeX = d.poolX.subarray(0, probeRows * 2);
  const data: TaskData = {
    kind: 'oracle',
    inputShape: [2],
    classes: task.classes,
    labelled: Int32Array.from({ length: task.teacherPoints }, (_, i) => i),
    transfer: new Int32Array(0),
    trainX: tensors.trainX,
    trainY: tensors.trainY,
    testX: tensors.testX,
    testY: tensors.testY,
    golden: tensors.golden,
    grid: { x: tensors.gridX, size: GRID_SIZE, extent: ORACLE_EXTENT },
    host: { trainX: d.teacherX, trainY: d.teacherY, testX: d.testX, testY: d.testY },
    stepSource: (teacher, s, config) => oracleStepSource(d.poolX, teacher, s, config),
    prepare: (teacher) => {
      const x = tf.tensor2d(probeX, [probeRows, 2]);
      const teacherLogits = tf.tidy(() => teacher.forward(x).logits) as tf.Tensor2D;
      data.trainProbe = { x, teacherLogits, labels: tf.cast(tf.argMax(teacherLogits, -1), 'int32') as tf.Tensor1D };
      return Promise.resolve();
    },
    dispose: () => {
      Object.values(tensors).forEach((t) => t.dispose());
      if (data.trainProbe) tf.dispose([data.trainProbe.x, data.trainProbe.labels, data.trainProbe.teacherLogits]);
    },
  };
  return data;
}
