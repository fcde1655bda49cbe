/**
 * Export → PyTorch project, the worker's half: the session's exact data, the teacher and the
 * students' initial weights, and config.json, as files of the zip (the static Python files and
 * the README come from src/export/pytorch/project-files.ts). Everything is read back with one
 * batched `await data()`.
 */
import * as tf from '@tensorflow/tfjs';
import { signalContext } from '../config/schema';
import { forTask, taskDef } from '../tasks/registry';
import { truncatesAt } from '../lib/top-k';
import { buildLane, disposeLane } from '../engine/lanes';
import type { Model } from '../engine/models/types';
import type { Session } from '../engine/session';
import { PROBE_SIZE } from '../engine/evaluation';
import { npy, type NpyArray } from '../export/pytorch/npy';
import { EXPORT_SCHEMA, type ProjectConfig, type ResolvedData } from '../export/pytorch/resolved';
import { modelFiles } from '../engine/model-io';

/** Why this session cannot be exported yet (null when it can). */
export function projectBlocker(session: Session): string | null {
  const { config, data } = session;
  if (data.host.text?.student) return 'A student with its own vocabulary does not export to PyTorch yet.';
  if (data.augment) return 'Augmentation and mixup do not export to PyTorch yet: turn them off to export.';
  if (data.gapSampling) return 'Gap-aware sampling does not export to PyTorch yet: turn it off to export.';
  const t = config.task as { onPolicy?: number; sequenceKd?: boolean };
  if ((t.onPolicy ?? 0) > 0 || t.sequenceKd)
    return 'On-policy and sequence-level steps do not export to PyTorch yet (the TRL snippet in the zip covers them).';
  if (config.teacher.distilled) return 'A distilled small teacher does not export to PyTorch yet.';
  // The oracle task's batches are drawn per step from its pool or afresh, which the replay does not port.
  if (data.golden) return 'The oracle task does not export to PyTorch yet: its per-step draws are not ported.';
  if (data.trainProbe)
    return 'A teacher-output pool does not export to PyTorch yet: switch to fresh windows to export.';
  const classes = forTask(config.task).classes(config.task);
  const topK = config.lanes.findIndex((l) => truncatesAt(l.teacherTopK, classes));
  if (topK >= 0)
    return `Student ${topK + 1} learns from the teacher’s top k, which does not export to PyTorch yet: set its teacher top k to all classes to export.`;
  return null;
}

type Arrays = Record<string, { data: Promise<NpyArray>; shape: number[] }>;

const read = (t: tf.Tensor, dtype: 'float32' | 'int32' = 'float32') => ({
  data: (t.dtype === dtype ? t : tf.cast(t, dtype)).data() as Promise<NpyArray>,
  shape: t.shape,
});
const host = (a: Int32Array | Float32Array, shape = [a.length]) => ({ data: Promise.resolve(a), shape });

/** The arrays a replay needs, by file name, and how config.json describes them. */
function dataArrays(session: Session): { arrays: Arrays; data: ResolvedData } {
  const { data: d, teacher } = session;
  const needFeatures = session.lanes.some((l) => l.def.needs.features);
  const arrays: Arrays = {
    test_x: read(d.testX, d.host.text ? 'int32' : 'float32'),
    test_y: read(d.testY, 'int32'),
    teacher_test_logits: read(teacher.testLogits),
  };
  const base = { inputShape: d.inputShape, classes: d.classes, evalChunk: d.evalChunk };
  if (d.host.text) {
    arrays.corpus = host(d.host.text.ids);
    const files = Object.fromEntries(Object.keys(arrays).map((k) => [k, `data/${k}.npy`]));
    const { trainEnd, vocab } = d.host.text;
    return { arrays, data: { kind: 'windows', ...base, files, trainEnd, context: d.inputShape[0], vocab } };
  }
  Object.assign(arrays, {
    train_x: read(d.trainX),
    train_y: read(d.trainY, 'int32'),
    labelled: host(d.labelled),
    transfer: host(d.transfer),
    teacher_train_logits: read(teacher.trainLogits),
    ...(needFeatures ? { teacher_train_features: read(teacher.trainFeatures) } : {}),
  });
  const probe = d.saliencyProbe ? PROBE_SIZE : undefined;
  const files = Object.fromEntries(Object.keys(arrays).map((k) => [k, `data/${k}.npy`]));
  return { arrays, data: { kind: 'rows', ...base, files, probe } };
}

/** Students start from the same weights in every lane: lane 0 rebuilt from the seed is all of them. */
async function initialStudent(session: Session): Promise<{ model: Model; dispose(): void }> {
  const lane = await buildLane(
    session.config,
    session.data,
    session.teacher.trainFeatures.shape[1]!,
    session.config.lanes[0]!,
    0,
  );
  return { model: lane.student, dispose: () => disposeLane(lane) };
}

/** Every file of the zip that depends on the session, by path. */
export async function sessionFiles(
  session: Session,
  studioVersion: string,
  link?: string,
): Promise<Record<string, Uint8Array>> {
  const blocker = projectBlocker(session);
  if (blocker) throw new Error(blocker);
  const { config, data: d, teacher } = session;
  const { arrays, data } = dataArrays(session);
  const student = await initialStudent(session);
  try {
    const studentClasses = d.classes;
    const [teacherFiles, studentFiles] = await Promise.all([
      modelFiles(teacher.model, config.teacher.model, d.inputShape, d.classes, 'teacher'),
      modelFiles(student.model, config.student, d.inputShape, studentClasses, 'student-init'),
    ]);
    const names = Object.keys(arrays);
    const values = await Promise.all(names.map((n) => arrays[n]!.data));
    const files: Record<string, Uint8Array> = {};
    names.forEach((n, i) => (files[`data/${n}.npy`] = npy(values[i]!, arrays[n]!.shape)));
    const enc = new TextEncoder();
    for (const [who, f] of [
      ['teacher', teacherFiles],
      ['student-init', studentFiles],
    ] as const) {
      files[`weights/${who}.json`] = enc.encode(JSON.stringify(f.json, null, 1));
      files[`weights/${who}.bin`] = new Uint8Array(f.bin);
    }
    const metrics = session.metricDefs.map((m) => m.id);
    const evalIds = session.evalColumns.map((c) => c.id);
    const project: ProjectConfig = {
      format: 'kd-studio-pytorch',
      exportSchema: EXPORT_SCHEMA,
      studioVersion,
      config,
      link,
      resolved: {
        data,
        teacher: 'weights/teacher.json',
        student: 'weights/student-init.json',
        lanes: config.lanes.map((l, i) => ({
          objective: l.objective,
          params: { ...l.params },
          schedule: l.schedule,
          stateContext: { ...signalContext(config), teacherFeatureDim: teacher.trainFeatures.shape[1]! },
          stateSeedLabel: `state:${i}:${l.objective}`,
        })),
        lossColumns: session.lossColumns.map(({ lane, key, kind }) => ({ lane, key, kind })),
        metrics,
        evalColumns: config.lanes.flatMap((_, l) => evalIds.map((id) => `${l}:${id}`)),
        adamEpsilon: tf.backend().epsilon(),
        teacherMetrics: Object.fromEntries(
          taskDef(d.kind).teacherMetrics.map((m, i) => [m.id, session.teacherMetrics[i]!]),
        ),
      },
    };
    files['config.json'] = enc.encode(JSON.stringify(project, null, 2));
    return files;
  } finally {
    student.dispose();
  }
}
