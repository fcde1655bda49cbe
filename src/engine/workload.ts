/**
 * What Auto's backend trial (backend.ts) times for an experiment: one KD step of the
 * experiment's own student, at its input shape, classes and batch size; and what it checks
 * first: that the backend can run an imported teacher as the session will.
 */
import { classCount, inputShapeOf } from '../config/derived';
import type { ExperimentConfig } from '../config/schema';
import type { Workload } from './backend';
import { hasImported, loadImported } from './imported';

export function workloadOf(cfg: ExperimentConfig): Workload {
  const inputShape = inputShapeOf(cfg);
  const classes = classCount(cfg);
  const student = cfg.student;
  const teacher = cfg.teacher.model;
  // Sequence students leave `hasEmbedding` unset on purpose: they embed tokens as one-hot · E
  // (models/transformer.ts), whose gradient WASM has, and Auto picks WASM for the text task on
  // CPU-only machines; only a gather lookup (UnsortedSegmentSum) cannot train there.
  const workload: Workload = {
    inputShape,
    classes,
    student,
    batchSize: cfg.train.batchSize,
    // An imported teacher, loaded as the session loads it (frozen), is run once per backend.
    // With its files not (yet) in the worker there is nothing to run; `teacherMissing` then
    // makes the worker choose again once they are back.
    ...(teacher.kind === 'imported' && {
      teacherKey: teacher.hash,
      ...(hasImported(teacher.hash)
        ? { makeTeacher: () => loadImported(teacher, inputShape, classes, false) }
        : { teacherMissing: true }),
    }),
  };
  if (student.kind !== 'imported') return workload;
  return {
    ...workload,
    // An imported student has no spec to build from: the trial times a fresh copy of the real
    // model, loaded as the session loads each lane's student.
    makeStudent: () => loadImported(student, inputShape, classes, true),
    // A page restoring its imported models asks for a backend before their files are back in
    // the worker; no trial can time the student then, and the choice must not outlive that.
    ...(!hasImported(student.hash) && { studentMissing: true }),
  };
}
