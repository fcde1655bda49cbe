/**
 * The sizes (TaskSizes) of a task whose examples are rows of a table on the device: the toy
 * points, images, a user's table or folder. Each task's pure part says how many rows it holds
 * and how wide they are; the engine's chunking (config/chunks.ts) does the rest.
 */
import { FORWARD_CHUNK, TEACHER_BATCH, TEACHER_CHUNK } from '../config/chunks';
import type { TaskSizes } from './types';

export function rowTaskSizes(rows: {
  train: number;
  test: number;
  /** Floats of one example (its input). */
  width: number;
  grid?: number;
  /** Whether each step's rows are varied, so the teacher sees them afresh (augmentation, mixup). */
  varied?: boolean;
  /** Bytes held besides the examples' tensors (the file they were read from). */
  fileBytes?: number;
}): TaskSizes {
  const examples = rows.train + rows.test + (rows.grid ?? 0);
  return {
    trainExamples: rows.train,
    testExamples: rows.test,
    gridExamples: rows.grid ?? 0,
    // float32 inputs and int32 labels.
    dataBytes: examples * (rows.width + 1) * 4 + (rows.fileBytes ?? 0),
    teacherBatch: Math.min(TEACHER_BATCH, rows.train),
    teacherChunk: TEACHER_CHUNK,
    forwardChunk: FORWARD_CHUNK,
    teacherEveryStep: rows.varied ?? false,
    generation: { teacher: 0, student: 0 },
  };
}
