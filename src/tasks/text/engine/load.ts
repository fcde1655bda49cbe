/**
 * The character-level text task on the device: the whole corpus as ids on the host (training
 * windows are cut from it per step), and a fixed set of held-out windows spread over the
 * held-out tail for evaluation.
 */
import * as tf from '@tensorflow/tfjs';
import type { TextTask } from '../schema';
import { TEXT_VOCAB } from '../normalise';
import { studentVocab } from '../student-vocab';
import { heldOutStart } from '../split';
import { createVocab } from '../vocab';
import { unpackedSize, type Assets, type FilesMeta } from '../../../engine/assets';
import { TEXT_CHUNK } from '../../../engine/forward';
import { textStepSource } from './step-source';
import { spreadSample, windowBatch, windowStarts } from '../../../engine/models/transformer-eval';
import type { TaskData } from '../../../engine/task-data';

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
export function evalWindowStarts(length: number, context: number, windows: number): number[] {
  const start = heldOutStart(length);
  return spreadSample(windowStarts(length - start, context), windows).map((s) => s + start);
}

export async function loadText(
  task: TextTask,
  assets: Assets,
  onProgress?: (loaded: number, total: number) => void,
): Promise<TaskData> {
  const ids = await loadCorpus(assets, onProgress);
  const vocab = TEXT_VOCAB.length;
  const trainEnd = heldOutStart(ids.length);
  const starts = evalWindowStarts(ids.length, task.context, task.evalWindows);
  const { x, y } = windowBatch(ids, starts, task.context);
  const tensors = {
    // Training windows are cut from the corpus per step; these stay empty.
    trainX: tf.zeros([0, task.context], 'int32'),
    trainY: tf.zeros([0], 'int32') as tf.Tensor1D,
    testX: tf.tensor2d(x, [starts.length, task.context], 'int32'),
    testY: tf.tensor1d(y, 'int32'),
  };
  const corpus = { ids, trainEnd, student: studentVocab(task.studentVocab) ?? undefined };
  return {
    kind: 'text',
    inputShape: [task.context],
    evalChunk: TEXT_CHUNK,
    stepSource: (teacher, seed, config) => textStepSource(corpus, teacher, seed, config),
    classes: vocab,
    ...tensors,
    labelled: new Int32Array(0),
    transfer: new Int32Array(0),
    host: {
      testY: y,
      text: {
        ids,
        trainEnd,
        evalStarts: starts,
        vocab: TEXT_VOCAB,
        student: corpus.student,
      },
    },
    dispose: () => Object.values(tensors).forEach((t) => t.dispose()),
  };
}
