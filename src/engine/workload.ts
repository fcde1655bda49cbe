/**
 * What Auto's backend trial (backend.ts) times for an experiment: one KD step of the
 * experiment's own student, at its input shape, classes and batch size.
 */
import { classCount, inputShapeOf } from '../config/derived';
import type { ExperimentConfig } from '../config/schema';
import type { Workload } from './backend';
import { hasImported, loadImported } from './imported';

export function workloadOf(cfg: ExperimentConfig): Workload {
  const inputShape = inputShapeOf(cfg);
  const classes = classCount(cfg);
  const student = cfg.student;
  // Sequence students leave `hasEmbedding` unset on purpose: they embed tokens as one-hot · E
  // (models/transformer.ts), whose gradient WASM has, and Auto picks WASM for the text task on
  // CPU-only machines; only a gather lookup (UnsortedSegmentSum) cannot train there.
  const workload: Workload = { inputShape, classes, student, batchSize: cfg.train.batchSize };
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
