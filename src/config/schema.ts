/**
 * ExperimentConfig: the one value an experiment is. The UI edits it, links encode it, the
 * worker consumes it, saved runs store it. This schema validates it wherever it enters.
 * No tfjs here: the UI imports this file.
 */
import { z } from 'zod';
import { OBJECTIVES, getObjective, hasObjective, unavailableReason } from '../objectives';
import { DEFAULT_SCHEDULE, TEMPERATURE_SCHEDULES } from '../objectives/schedule';
import { TOY_DATASETS } from '../tasks/toy2d/datasets';
import { TASK_INPUT, cnnShapes } from './derived';
import { STUDENT_VOCABS } from '../tasks/text/student-vocab';

/** Version 2: images, schedules, teacher cache (see config/migrate.ts for version 1). */
export const CONFIG_VERSION = 2;

export const BACKENDS = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];
export type BackendName = Exclude<BackendChoice, 'auto'>;

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'gelu', 'elu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** A number field with readable messages: "Learning rate must be at most 1". */
const num = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);
const int = (label: string, min: number, max: number) => num(label, min, max).int(`${label} must be a whole number`);
const oneOf = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, { error: `${label} must be one of: ${values.join(', ')}` });

export const MlpSpec = z.object({
  kind: z.literal('mlp'),
  hidden: z.array(int('A layer width', 1, 512)).max(6, 'At most 6 hidden layers'),
  activation: oneOf('Activation', ACTIVATIONS),
});
export type MlpSpec = z.infer<typeof MlpSpec>;

/** A small CNN for images: blocks of 3×3 conv (same padding) + 2×2 max-pool, then dense layers. */
export const CnnSpec = z.object({
  kind: z.literal('cnn'),
  filters: z
    .array(int('A conv block’s filter count', 1, 64))
    .min(1, 'At least one conv block')
    .max(3, 'At most 3 conv blocks'),
  hidden: z.array(int('A dense width', 1, 512)).max(2, 'At most 2 dense layers'),
  activation: oneOf('Activation', ACTIVATIONS),
});
export type CnnSpec = z.infer<typeof CnnSpec>;

/** A teacher shipped under public/models (trained by a script in scripts/). */
export const PretrainedSpec = z.object({
  kind: z.literal('pretrained'),
  id: oneOf('Pretrained teacher', ['fashion-cnn', 'char-transformer'] as const),
});
export type PretrainedSpec = z.infer<typeof PretrainedSpec>;

/** A decoder-only character transformer student (causal self-attention, pre-LayerNorm). */
export const TransformerSpec = z.object({
  kind: z.literal('transformer'),
  layers: int('Layers', 1, 6),
  width: int('Width', 8, 256),
  heads: int('Heads', 1, 8),
});
export type TransformerSpec = z.infer<typeof TransformerSpec>;

/** An MLP that predicts the next character from a fixed window of the previous ones. */
export const WindowMlpSpec = z.object({
  kind: z.literal('window-mlp'),
  window: int('Window', 1, 32),
  embed: int('Embedding width', 2, 64),
  hidden: z.array(int('A layer width', 1, 1024)).max(3, 'At most 3 hidden layers'),
  activation: oneOf('Activation', ACTIVATIONS),
});
export type WindowMlpSpec = z.infer<typeof WindowMlpSpec>;

/**
 * A tfjs layers model the user imported, known by the hash of its weights. The weights live in
 * this browser (IndexedDB), not in the config: a link to it opens only where it was imported.
 */
export const ImportedSpec = z.object({
  kind: z.literal('imported'),
  hash: z.string().regex(/^[0-9a-f]{12}$/, 'An imported model is named by 12 hex digits of its weights’ hash'),
  name: z.string().max(120, 'A model name has at most 120 characters'),
  /** Width of its feature layer (for feature objectives), measured on import. */
  featureDim: int('Feature width', 0, 1_000_000),
  params: int('Parameters', 0, 100_000_000),
});
export type ImportedSpec = z.infer<typeof ImportedSpec>;

export const StudentSpec = z.discriminatedUnion(
  'kind',
  [MlpSpec, CnnSpec, TransformerSpec, WindowMlpSpec, ImportedSpec],
  {
    error: 'The student is an MLP, a CNN, a transformer, a window MLP or an imported model',
  },
);
export type StudentSpec = z.infer<typeof StudentSpec>;
/** A model the studio builds itself from a spec (not imported, not shipped). */
export type BuiltSpec = MlpSpec | CnnSpec;
export const TeacherModelSpec = z.discriminatedUnion('kind', [MlpSpec, CnnSpec, PretrainedSpec, ImportedSpec], {
  error: 'The teacher is an MLP, a CNN, a pretrained or an imported model',
});
export type TeacherModelSpec = z.infer<typeof TeacherModelSpec>;

export const Toy2dTask = z.object({
  kind: z.literal('toy2d'),
  dataset: oneOf('Data set', TOY_DATASETS),
  classes: int('Classes', 2, 8),
  noise: num('Noise', 0, 1),
  points: int('Points', 60, 5000),
  testFraction: num('Test fraction', 0.1, 0.6),
});
export type Toy2dTask = z.infer<typeof Toy2dTask>;

/**
 * Fashion-MNIST images. A fraction of the training pool keeps its labels; the rest is an
 * unlabelled transfer set that only the teacher labels (and that augmentation and mixup vary).
 */
export const ImageTask = z.object({
  kind: z.literal('images'),
  dataset: oneOf('Image data set', ['fashion-mnist'] as const),
  /** How many of the 12,000 shipped training images (the first, in their seeded order) to use. */
  trainImages: int('Training images', 500, 12000),
  /** How many of the 2,000 shipped test images to evaluate on. */
  testImages: int('Test images', 200, 2000),
  labelledFraction: num('Labelled fraction', 0.01, 1),
  augment: z.object({
    shift: int('Shift', 0, 4),
    flip: z.boolean({ error: 'Flip is on or off' }),
    noise: num('Noise σ', 0, 0.5),
  }),
  /** Mixup α for transfer images (λ ~ Beta(α, α)); 0 turns it off. */
  mixup: num('Mixup α', 0, 2),
  /** Sample classes in proportion to the teacher–student gap per class (as DDK does per domain). */
  gapSampling: z.boolean({ error: 'Gap-aware sampling is on or off' }),
});
export type ImageTask = z.infer<typeof ImageTask>;

/**
 * Character-level language modelling on a public-domain novel: token-level KD, sequence-level
 * KD on teacher samples, and on-policy distillation on the student's own samples (GKD).
 */
export const TextTask = z.object({
  kind: z.literal('text'),
  dataset: oneOf('Text', ['moby-dick'] as const),
  /** Characters per training window (the teacher reads up to 64). */
  context: int('Context', 8, 64),
  /** Fraction λ of batches the student generates and the teacher scores (GKD); 0 = off. */
  onPolicy: num('On-policy fraction λ', 0, 1),
  /** Train on sequences sampled from the teacher (sequence-level KD) instead of the corpus. */
  sequenceKd: z.boolean({ error: 'Sequence-level KD is on or off' }),
  /** Sampling temperature for generated batches and for the samples shown. */
  samplingTemperature: num('Sampling temperature', 0, 2),
  /** Samples of teacher and students are refreshed every this many steps. */
  sampleEvery: int('Sample interval', 10, 100000),
  /** The prompt the samples start from. */
  prompt: z
    .string({ error: 'The prompt is text' })
    .min(1, 'The prompt needs at least one character')
    .max(64, 'The prompt has at most 64 characters'),
  /** Held-out windows evaluated at each evaluation. */
  evalWindows: int('Held-out windows', 8, 512),
  /** The student's own vocabulary ("coarse": cross-vocabulary distillation with ULD). */
  studentVocab: oneOf('Student vocabulary', STUDENT_VOCABS).default('shared'),
});
export type TextTask = z.infer<typeof TextTask>;

export const Task = z.discriminatedUnion('kind', [Toy2dTask, ImageTask, TextTask], { error: 'Unknown task kind' });
export type Task = z.infer<typeof Task>;

export const TeacherSpec = z.object({
  model: TeacherModelSpec,
  /** Steps of supervised training before the teacher is frozen. */
  trainSteps: int('Teacher steps', 0, 20000),
  lr: num('Teacher learning rate', 1e-5, 10),
});

export const LaneSchedule = z.object({
  temperature: oneOf('Temperature schedule', TEMPERATURE_SCHEDULES).default('constant'),
  temperatureEnd: num('Final temperature', 0.1, 20).default(1),
  warmup: int('KD warm-up steps', 0, 1_000_000).default(0),
});

/** One student of the race: its objective, the objective's parameters and its schedules. */
export const Lane = z.object({
  objective: z.string({ error: 'The objective is a name' }),
  params: z.record(z.string(), z.number({ error: 'Objective parameters are numbers' })),
  schedule: LaneSchedule.default(DEFAULT_SCHEDULE),
});
export type Lane = z.infer<typeof Lane>;

export const TrainSpec = z.object({
  optimizer: oneOf('Optimizer', ['adam', 'sgd'] as const),
  lr: num('Learning rate', 1e-5, 10),
  momentum: num('Momentum', 0, 0.999),
  batchSize: int('Batch size', 1, 1024),
  /** Student steps the run plans for (schedules use it; the run pauses there). */
  steps: int('Steps', 1, 1_000_000),
  stepsPerFrame: int('Steps per frame', 1, 500),
  /** Held-out metrics are computed every this many steps. */
  evalEvery: int('Evaluation interval', 1, 1000),
  /**
   * Reuse the frozen teacher's outputs, computed once per training example, instead of running
   * the teacher on every batch. Same maths; turn it off to see what the teacher pass costs.
   */
  teacherCache: z.boolean({ error: 'Teacher cache is on or off' }).default(true),
});

export const ExperimentConfig = z
  .object({
    version: z.literal(CONFIG_VERSION, { error: `Config version must be ${CONFIG_VERSION}` }),
    seed: int('Seed', 0, 2 ** 31 - 1),
    task: Task,
    teacher: TeacherSpec,
    student: StudentSpec,
    lanes: z.array(Lane).min(1, 'At least one student lane').max(6, 'At most 6 students in a race'),
    train: TrainSpec,
    backend: oneOf('Backend', BACKENDS),
  })
  .superRefine((cfg, ctx) => {
    // Which models fit which task.
    // Imported layers models fit the feature-vector tasks (their shapes are checked on import).
    if (cfg.task.kind === 'toy2d') {
      if (cfg.teacher.model.kind !== 'mlp' && cfg.teacher.model.kind !== 'imported')
        ctx.addIssue({
          code: 'custom',
          path: ['teacher', 'model', 'kind'],
          message: 'Toy 2D tasks train an MLP teacher or use an imported one',
        });
      if (cfg.student.kind !== 'mlp' && cfg.student.kind !== 'imported')
        ctx.addIssue({
          code: 'custom',
          path: ['student', 'kind'],
          message: 'Toy 2D tasks use MLP students (a CNN needs images)',
        });
    } else if (cfg.task.kind === 'images') {
      const m = cfg.teacher.model;
      if (!(m.kind === 'imported' || (m.kind === 'pretrained' && m.id === 'fashion-cnn')))
        ctx.addIssue({
          code: 'custom',
          path: ['teacher', 'model', 'kind'],
          message: 'Image tasks use the pretrained CNN teacher or an imported one',
        });
      if (SEQUENCE_STUDENTS.includes(cfg.student.kind))
        ctx.addIssue({
          code: 'custom',
          path: ['student', 'kind'],
          message: 'Image tasks use MLP, CNN or imported students',
        });
    } else {
      if (cfg.teacher.model.kind !== 'pretrained' || cfg.teacher.model.id !== 'char-transformer')
        ctx.addIssue({
          code: 'custom',
          path: ['teacher', 'model', 'kind'],
          message: 'The text task uses the pretrained character transformer teacher',
        });
      if (!SEQUENCE_STUDENTS.includes(cfg.student.kind))
        ctx.addIssue({
          code: 'custom',
          path: ['student', 'kind'],
          message: 'The text task uses a transformer or a window-MLP student',
        });
    }
    if (cfg.student.kind === 'transformer' && cfg.student.width % cfg.student.heads !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['student', 'heads'],
        message: `Heads must divide the width (${cfg.student.width} is not divisible by ${cfg.student.heads})`,
      });
    cfg.lanes.forEach((lane, i) => {
      if (!hasObjective(lane.objective)) {
        ctx.addIssue({
          code: 'custom',
          path: ['lanes', i, 'objective'],
          message: `Unknown objective “${lane.objective}”; choose one of ${OBJECTIVES.map((o) => o.id).join(', ')}`,
        });
        return;
      }
      const reason = unavailableReason(getObjective(lane.objective), signalContext(cfg));
      if (reason)
        ctx.addIssue({
          code: 'custom',
          path: ['lanes', i, 'objective'],
          message: `${getObjective(lane.objective).name} ${reason}`,
        });
      for (const p of getObjective(lane.objective).params) {
        const v = lane.params[p.key];
        if (v === undefined) continue; // filled with the default by normalizeConfig
        const path = ['lanes', i, 'params', p.key];
        if (!Number.isFinite(v)) ctx.addIssue({ code: 'custom', path, message: `${p.label} must be a number` });
        else if (v < p.min || v > p.max)
          ctx.addIssue({ code: 'custom', path, message: `${p.label} must be between ${p.min} and ${p.max}` });
        else if (p.kind === 'int' && !Number.isInteger(v))
          ctx.addIssue({ code: 'custom', path, message: `${p.label} is a whole number` });
        else if (p.kind === 'toggle' && v !== 0 && v !== 1)
          ctx.addIssue({ code: 'custom', path, message: `${p.label} is on (1) or off (0)` });
      }
    });
  });
export type ExperimentConfig = z.infer<typeof ExperimentConfig>;

/** What the configured models can give an objective (see ObjectiveDef.unavailable). */
export function signalContext(cfg: Pick<ExperimentConfig, 'student' | 'teacher' | 'train' | 'task'>) {
  return {
    studentFeatureDim: featureDim(cfg.student),
    teacherFeatureDim: featureDim(cfg.teacher.model),
    batchSize: cfg.train.batchSize,
    // A text batch has one row per token.
    rows: cfg.train.batchSize * (cfg.task.kind === 'text' ? cfg.task.context : 1),
    sharedVocabulary: cfg.task.kind !== 'text' || cfg.task.studentVocab === 'shared',
  };
}

/** Students that read token sequences (the text task) rather than feature vectors. */
export const SEQUENCE_STUDENTS: readonly StudentSpec['kind'][] = ['transformer', 'window-mlp'];

/**
 * Width of a model's last hidden layer (0 = none). The shipped Fashion-MNIST CNN's 'features'
 * layer has 64 units (scripts/fashion/train-teacher.ts).
 */
export function featureDim(spec: TeacherModelSpec | StudentSpec): number {
  if (spec.kind === 'pretrained') return PRETRAINED_FEATURE_DIMS[spec.id];
  if (spec.kind === 'imported') return spec.featureDim;
  if (spec.kind === 'transformer') return spec.width;
  if (spec.kind === 'window-mlp') return spec.hidden.at(-1) ?? 0;
  if (spec.kind === 'cnn')
    return spec.hidden.at(-1) ?? cnnShapes(spec, TASK_INPUT.images.shape as [number, number, number], 10).flatFeatures;
  return spec.hidden.at(-1) ?? 0;
}

export const PRETRAINED_FEATURE_DIMS: Record<PretrainedSpec['id'], number> = {
  'fashion-cnn': 64,
  'char-transformer': 96,
};

export interface FieldError {
  /** Dotted path of the field, e.g. "train.lr" or "lanes.0.params.T". */
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; config: ExperimentConfig } | { ok: false; errors: FieldError[] };

/** Fills each lane's missing objective parameters with defaults and drops unknown ones. */
function normalizeLanes(cfg: ExperimentConfig): ExperimentConfig {
  return {
    ...cfg,
    lanes: cfg.lanes.map((lane) => {
      const def = getObjective(lane.objective);
      const params = Object.fromEntries(def.params.map((p) => [p.key, lane.params[p.key] ?? p.default]));
      return { objective: lane.objective, params, schedule: lane.schedule };
    }),
  };
}

/** Validates anything (a parsed link, a file, a UI edit) into a complete config or field errors. */
export function validateConfig(input: unknown): ValidationResult {
  const parsed = ExperimentConfig.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    };
  }
  return { ok: true, config: normalizeLanes(parsed.data) };
}
