/**
 * The character-level text task on the device: the whole corpus as ids on the host (training
 * windows are cut from it per step), and a fixed set of held-out windows spread over the
 * held-out tail for evaluation.
 */
import * as tf from '@tensorflow/tfjs';
import type { TextTask } from '../schema';
import { TEXT_VOCAB } from '../normalise';
import { studentVocab, type StudentVocab } from '../student-vocab';
import type { LanguageTask } from '../language';
import { heldOutStart } from '../split';
import { createVocab } from '../vocab';
import { unpackedSize, type Assets, type FilesMeta } from '../../../engine/assets';
import { TEACHER_WINDOWS, TEXT_CHUNK } from '../../../config/chunks';
import { corpusWindows } from './batches';
import { textStepSource } from './step-source';
import { fillPool, type FilledPool } from './pool-build';
import { storeBytes } from './pool-store';
import { poolProbeWindows } from '../pool';
import { spreadSample, windowBatch, windowStarts } from '../../../engine/models/transformer-eval';
import type { TaskData } from '../../../engine/task-data';
import { inStudentVocab } from '../../../engine/student-vocab-eval';

export const TEXT_DIR = 'data/text';
export const TEXT_FILE = 'corpus.txt.gz';

/** The shipped corpus as ids (cached per Assets: it is 1.2 M characters and never changes). */
const corpora = new WeakMap<Assets, Promise<Int32Array>>();

export function loadCorpus(assets: Assets, onProgress?: (loaded: number, total: number) => void): Promise<Int32Array> {
  let p = corpora.get(assets);
  if (!p) {
    // meta.json gives the unpacked size: the progress total if the server inflates the file.
    p = assets
      .json<FilesMeta>(`${TEXT_DIR}/meta.json`)
      .catch(() => undefined)
      .then((meta) => assets.bytes(`${TEXT_DIR}/${TEXT_FILE}`, onProgress, unpackedSize(meta, TEXT_FILE)))
      .then((bytes) => {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        try {
          return createVocab(TEXT_VOCAB).encode(text);
        } catch (e) {
          throw new Error(`The text corpus is damaged: ${(e as Error).message}`, { cause: e });
        }
      });
    p.catch(() => corpora.delete(assets));
    corpora.set(assets, p);
  }
  return p;
}

/** Start offsets (into the whole corpus) of the held-out evaluation windows. */
export function evalWindowStarts(length: number, context: number, windows: number, fraction?: number): number[] {
  const start = heldOutStart(length, fraction);
  return spreadSample(windowStarts(length - start, context), windows).map((s) => s + start);
}

/**
 * A language task's data from its characters as ids: the held-out tail's evaluation windows on
 * the device, per-step windows from the rest (`teacherBatch` serves a teacher trained here).
 */
export function languageData(
  kind: TaskData['kind'],
  task: LanguageTask,
  ids: Int32Array,
  vocab: string,
  options: { heldOut?: number; student?: StudentVocab } = {},
): TaskData {
  const classes = Array.from(vocab).length;
  const trainEnd = heldOutStart(ids.length, options.heldOut);
  const starts = evalWindowStarts(ids.length, task.context, task.evalWindows, options.heldOut);
  const { x, y } = windowBatch(ids, starts, task.context);
  const tensors = {
    // Training windows are cut from the corpus per step; these stay empty.
    trainX: tf.zeros([0, task.context], 'int32'),
    trainY: tf.zeros([0], 'int32') as tf.Tensor1D,
    testX: tf.tensor2d(x, [starts.length, task.context], 'int32'),
    testY: tf.tensor1d(y, 'int32'),
  };
  const corpus: { ids: Int32Array; trainEnd: number; student?: StudentVocab; pool?: FilledPool } = {
    ids,
    trainEnd,
    student: options.student,
  };
  const host: TaskData['host'] = {
    testY: y,
    text: { ids, trainEnd, evalStarts: starts, vocab, student: options.student },
  };
  let probe: TaskData['trainProbe'];
  const data: TaskData = {
    kind,
    inputShape: [task.context],
    evalChunk: TEXT_CHUNK,
    stepSource: (teacher, seed, config) => textStepSource(corpus, teacher, seed, config),
    // The pool is the data's, not the students': filled once, it outlives a Reset.
    prepare: task.pool
      ? async (teacher, seed, onProgress, cancelled) => {
          const pool = task.pool!;
          const filled = await fillPool({
            corpus,
            context: task.context,
            vocab: classes,
            pool,
            seed,
            teacher,
            probeWindows: poolProbeWindows(pool, task.evalWindows),
            onProgress,
            cancelled,
          });
          corpus.pool = filled;
          const p = filled.probe;
          const logits = tf.tensor2d(p.logits, [p.starts.length * task.context, classes]);
          const w = windowBatch(ids, p.starts, task.context);
          probe = {
            x: tf.tensor2d(w.x, [p.starts.length, task.context], 'int32'),
            labels: options.student
              ? tf.tensor1d(
                  w.y.map((id) => options.student!.map[id]!),
                  'int32',
                )
              : tf.tensor1d(w.y, 'int32'),
            // Compared with a student of its own vocabulary in that vocabulary, as the held-out set is.
            teacherLogits: options.student ? inStudentVocab(logits, options.student.map) : logits,
          };
          if (options.student) logits.dispose();
          const bytes = storeBytes(filled.store) + filled.starts.length * 4;
          host.text!.pool = { windows: filled.starts.length, bytes, truncatedMass: filled.truncatedMass };
        }
      : undefined,
    get trainProbe() {
      return probe;
    },
    teacherBatch(step, seed) {
      const w = corpusWindows(ids, trainEnd, TEACHER_WINDOWS, task.context, seed, step, 'teacher-windows');
      return { x: tf.tensor2d(w.x, [TEACHER_WINDOWS, task.context], 'int32'), y: tf.tensor1d(w.y, 'int32') };
    },
    classes,
    ...tensors,
    labelled: new Int32Array(0),
    transfer: new Int32Array(0),
    host,
    dispose: () => {
      Object.values(tensors).forEach((t) => t.dispose());
      if (probe) tf.dispose([probe.x, probe.labels, probe.teacherLogits]);
    },
  };
  return data;
}

export async function loadText(
  task: TextTask,
  assets: Assets,
  onProgress?: (loaded: number, total: number) => void,
): Promise<TaskData> {
  const ids = await loadCorpus(assets, onProgress);
  return languageData('text', task, ids, TEXT_VOCAB, { student: studentVocab(task.studentVocab) ?? undefined });
}
