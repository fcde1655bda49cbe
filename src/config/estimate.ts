/**
 * What an experiment will cost, before anything runs: the memory its tensors take at their
 * peak and the multiply-adds of its steps, from the config alone (its task's sizes,
 * `TaskDef.sizes`, and its models' shapes, ./sizes.ts). Pure arithmetic, no tfjs: the schema
 * refuses a config over the budget with it (./budget.ts), on the page and in the worker, so an
 * experiment too large for a browser is a message, never gigabytes.
 *
 * The counts follow the engine's formulas (every intermediate a training step's gradient tape
 * keeps); a unit test holds them to what tfjs really allocates (estimate.test.ts).
 */
import { forTask } from '../tasks/registry';
import type { TaskSizes } from '../tasks/types';
import { PRETRAINED_SHAPES, featureDim, type StudentSpec, type TeacherModelSpec } from './models';
import type { ExperimentConfig } from './schema';
import { activationFloats, layersInferenceFloats, specSize } from './sizes';

const F32 = 4;
/** Logit-sized tensors a loss and its gradient keep per row (softmaxes at T and at 1, their logs, gradients). */
const LOSS_COPIES = 12;
/**
 * A training step's peak over what its forward pass kept: the backward pass allocates each
 * gradient while the tape still holds the forward's tensors (measured 2.4 to 2.8 for the
 * studio's models on the cpu backend, estimate.test.ts).
 */
const BACKWARD = 2.5;
/** Per student weight: itself, its gradient, Adam's two moments, and two checkpoints (engine/checkpoints.ts). */
const STUDENT_COPIES = 6;
/** Per weight of a teacher trained here, while it trains: itself, its gradient, Adam's two moments. */
const TRAINED_TEACHER_COPIES = 4;

export interface Estimate {
  bytes: {
    /** The task's data. */
    data: number;
    /** The teacher's cached outputs on the training and held-out examples, and a pool's stored ones. */
    teacherCache: number;
    /** Weights, gradients, optimiser state and checkpoints of the teacher and every student. */
    weights: number;
    /** One training step of every student: forward, backward, and the teacher's pass when it runs. */
    step: number;
    /** One step of a teacher trained here. */
    teacherTraining: number;
    /** One forward chunk of an evaluation or of filling the cache, with the outputs it keeps. */
    forward: number;
    /** The worst moment: data, cache and weights, with the largest of the three above. */
    peak: number;
  };
  macs: {
    /** One training step: each student forward and backward (3 passes), the teacher's pass, generated windows. */
    step: number;
    /** One tick of the worker loop: `stepsPerFrame` steps and their evaluations, without a break. */
    tick: number;
    /** The most the worker runs without a break: a tick, a chunk of the teacher's training, or filling its cache. */
    block: number;
    /** One evaluation of every student on the held-out examples (and the boundary grid). */
    evaluation: number;
    /** Getting the teacher ready: training it here, then filling its cache (and a pool). */
    teacher: number;
    /** The whole run as planned: the teacher, every step, every evaluation. */
    run: number;
  };
}

/** What the estimate needs of one model on this task: per example (a window, for text). */
interface ModelCost {
  params: number;
  macs: number;
  /** Floats a training pass keeps (every intermediate, for the gradient). */
  activations: number;
  /** Floats an inference pass holds at once. */
  inference: number;
}

function modelCost(
  spec: StudentSpec | TeacherModelSpec,
  inputShape: number[],
  classes: number,
  rowsPerExample: number,
): ModelCost {
  const built = spec.kind === 'pretrained' ? PRETRAINED_SHAPES[spec.id] : spec;
  const size = specSize(built, inputShape, classes);
  const params = size?.params ?? 0;
  // An imported model's multiply-adds are unknown: each weight used once per example is the least it does.
  const macs = size && Number.isFinite(size.macs) ? size.macs : params;
  // Sequence models count multiply-adds per token (sizes.ts) and activations per window.
  const perExample = built.kind === 'transformer' || built.kind === 'window-mlp' ? macs * rowsPerExample : macs;
  const activations = activationFloats(built, inputShape, classes);
  // The shipped Fashion-MNIST CNN and imported models are tfjs layers models, which free each
  // layer's output once used; the studio's own models run in one tidy, which keeps them all.
  const layers = spec.kind === 'imported' || (spec.kind === 'pretrained' && built.kind === 'cnn');
  return {
    params,
    macs: perExample,
    activations,
    inference: layers ? layersInferenceFloats(built, inputShape, classes) : activations,
  };
}

/** Bytes of one training step of one student on `batch` examples: its tape, its gradients, its loss. */
export function studentStepBytes(
  spec: StudentSpec,
  inputShape: number[],
  classes: number,
  rowsPerExample: number,
  batch: number,
): number {
  const { activations } = modelCost(spec, inputShape, classes, rowsPerExample);
  return F32 * batch * (activations * BACKWARD + rowsPerExample * classes * LOSS_COPIES);
}

/** Multiply-adds of one training step (forward and backward) of one student on `batch` examples. */
export function studentStepMacs(
  spec: StudentSpec,
  inputShape: number[],
  classes: number,
  rowsPerExample: number,
  batch: number,
): number {
  return 3 * batch * modelCost(spec, inputShape, classes, rowsPerExample).macs;
}

/** The teacher is trained here (not shipped, not imported): it has an optimiser and a training loop. */
const trainedHere = (spec: TeacherModelSpec) => spec.kind !== 'pretrained' && spec.kind !== 'imported';

export function estimate(cfg: ExperimentConfig): Estimate {
  const task = forTask(cfg.task);
  const sizes: TaskSizes = task.sizes(cfg.task);
  const inputShape = task.inputShape(cfg.task);
  const classes = task.classes(cfg.task);
  const studentClasses = task.studentClasses(cfg.task);
  const r = task.rowsPerExample(cfg.task);
  const student = modelCost(cfg.student, inputShape, studentClasses, r);
  const teacher = modelCost(cfg.teacher.model, inputShape, classes, r);
  const lanes = cfg.lanes.length;
  const { batchSize: batch, teacherCache, stepsPerFrame, steps, evalEvery } = cfg.train;
  const training = trainedHere(cfg.teacher.model) && cfg.teacher.trainSteps > 0;

  const cached = teacherCache && sizes.trainExamples > 0;
  const teacherFeatures = featureDim(cfg.teacher.model, inputShape, classes);
  // On-policy steps give each student its own windows, each scored by the teacher.
  // A pool's stored outputs stand in for the teacher's pass as a cache does (generated windows aside).
  const stored = cached || sizes.pool !== undefined;
  const teacherPasses = (sizes.teacherEveryStep || !stored ? 1 : 0) * (sizes.generation.student > 0 ? lanes : 1);
  const evalExamples = sizes.testExamples + sizes.gridExamples;
  // A chunk holds at most the examples there are; the boundary grid goes through in one pass.
  const chunk = Math.min(sizes.forwardChunk, Math.max(sizes.trainExamples, sizes.testExamples));
  const forwardRows = Math.max(chunk, sizes.gridExamples);

  const bytes = {
    data: sizes.dataBytes,
    teacherCache:
      F32 *
        ((cached ? sizes.trainExamples * (classes + teacherFeatures) : 0) +
          sizes.testExamples * r * classes +
          sizes.gridExamples * classes) +
      (sizes.pool?.bytes ?? 0),
    weights: F32 * (lanes * student.params * STUDENT_COPIES + teacher.params * (training ? TRAINED_TEACHER_COPIES : 1)),
    step:
      lanes * studentStepBytes(cfg.student, inputShape, studentClasses, r, batch) +
      F32 * (teacherPasses * batch * teacher.inference + batch * r * classes),
    teacherTraining: training
      ? F32 * sizes.teacherBatch * (teacher.activations * BACKWARD + r * classes * LOSS_COPIES)
      : 0,
    forward:
      F32 * (forwardRows * Math.max(student.inference, teacher.inference) + lanes * evalExamples * r * studentClasses),
    peak: 0,
  };
  bytes.peak =
    bytes.data + bytes.teacherCache + bytes.weights + Math.max(bytes.step, bytes.teacherTraining, bytes.forward);

  const generation =
    batch * (sizes.generation.teacher * teacher.macs + sizes.generation.student * lanes * student.macs);
  const step =
    lanes * studentStepMacs(cfg.student, inputShape, studentClasses, r, batch) +
    teacherPasses * batch * teacher.macs +
    generation;
  const evaluation = lanes * evalExamples * student.macs;
  const teacherStep = training ? sizes.teacherBatch * 3 * teacher.macs : 0;
  // The cache is filled (and the teacher's held-out outputs computed) in one go, chunk after chunk.
  const cacheFill = (sizes.trainExamples + evalExamples) * teacher.macs;
  // A pool is filled chunk by chunk, with progress between them (and a chance to cancel).
  const poolChunk = sizes.pool ? Math.min(sizes.pool.chunk, sizes.pool.examples) * teacher.macs : 0;
  const teacherMacs =
    (training ? cfg.teacher.trainSteps * teacherStep : 0) + cacheFill + (sizes.pool?.examples ?? 0) * teacher.macs;
  const tick = stepsPerFrame * step + Math.ceil(stepsPerFrame / evalEvery) * evaluation;
  const teacherChunk = Math.min(sizes.teacherChunk, training ? cfg.teacher.trainSteps : 0) * teacherStep;
  return {
    bytes,
    macs: {
      step,
      tick,
      block: Math.max(tick, teacherChunk, cacheFill, poolChunk),
      evaluation,
      teacher: teacherMacs,
      run: teacherMacs + steps * step + Math.ceil(steps / evalEvery) * evaluation,
    },
  };
}
