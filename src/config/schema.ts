/**
 * ExperimentConfig: the one value an experiment is. The UI edits it, links encode it, the
 * worker consumes it, saved runs store it. This schema validates it wherever it enters.
 * The task union comes from the task registry (src/tasks/registry.ts); the models an
 * experiment can name from ./models.ts. No tfjs here: the UI imports this file.
 */
import { z } from './zod';
import { OBJECTIVES, defaultParams, getObjective, hasObjective, unavailableReason } from '../objectives';
import { DEFAULT_SCHEDULE, TEMPERATURE_SCHEDULES } from '../objectives/schedule';
import { TASK_SCHEMAS, forTask } from '../tasks/registry';
import { budgetIssue } from './budget';
import { int, num, oneOf } from './fields';
import { brokenRule, ruleBreakOf, ruleMessage, type RuleBreak } from './number-rules';
import { ImportedSpec, PretrainedSpec, SEQUENCE_STUDENTS, StudentSpec, TeacherModelSpec, featureDim } from './models';
import { TEACHER_MIXES } from '../lib/ensemble';
import { CONFIG_VERSION } from './version';
import { MISSING_PROBABILITY, truncatesAt } from '../lib/top-k';

export * from './models';
export { CONFIG_VERSION } from './version';

/** The most students a race runs side by side (the schema, the lanes panel and links ask this). */
export const MAX_LANES = 6;

export const BACKENDS = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];
export type BackendName = Exclude<BackendChoice, 'auto'>;

export const Task = z.discriminatedUnion('kind', TASK_SCHEMAS, { error: 'Unknown task kind' });
export type Task = z.infer<typeof Task>;

/**
 * A teacher assistant (Mirzadeh et al., 2020): an MLP between teacher and student in size,
 * distilled from the teacher during preparation, then frozen in its place, so that every lane
 * learns from the assistant. Absent: the lanes learn from the teacher itself.
 */
export const TeacherAssistant = z.object({
  hidden: z
    .array(int('An assistant layer width', 1, 512))
    .min(1, 'The assistant has at least one hidden layer')
    .max(3, 'At most 3 hidden layers'),
  steps: int('Assistant steps', 1, 20000),
});
export type TeacherAssistant = z.infer<typeof TeacherAssistant>;

/**
 * Teacher hacking's three models on text (issue 17 §3): a small transformer distilled from the
 * shipped one (forward KL at T = 1 on corpus windows) before the lanes start, then frozen as
 * their teacher; the shipped one stays as the oracle of the golden distance, KL(oracle‖student).
 * Absent: the lanes learn from the shipped teacher itself.
 */
export const DistilledTeacher = z.object({
  layers: int('Small teacher layers', 1, 4),
  width: int('Small teacher width', 8, 128),
  heads: int('Small teacher heads', 1, 8),
  steps: int('Small teacher steps', 1, 20000),
});
export type DistilledTeacher = z.infer<typeof DistilledTeacher>;

/**
 * Several teachers (issue 17 §5): the teacher and these, mixed into the one frozen teacher the
 * lanes learn from (src/lib/ensemble.ts says how each mix weighs them).
 */
export const TeacherEnsemble = z.object({
  with: z
    .array(z.discriminatedUnion('kind', [PretrainedSpec, ImportedSpec], { error: 'A shipped or imported teacher' }))
    .min(1, 'Mix with at least one more teacher')
    .max(2, 'At most three teachers in all'),
  mix: oneOf('Mix', TEACHER_MIXES),
});
export type TeacherEnsemble = z.infer<typeof TeacherEnsemble>;

export const TeacherSpec = z.object({
  model: TeacherModelSpec,
  /** Steps of supervised training before the teacher is frozen. */
  trainSteps: int('Teacher steps', 0, 20000),
  lr: num('Teacher learning rate', 1e-5, 10),
  assistant: TeacherAssistant.optional(),
  distilled: DistilledTeacher.optional(),
  ensemble: TeacherEnsemble.optional(),
});

export const LaneSchedule = z.object({
  temperature: oneOf('Temperature schedule', TEMPERATURE_SCHEDULES).default('constant'),
  temperatureEnd: num('Final temperature', 0.1, 20).default(1),
  warmup: int('KD warm-up steps', 0, 1_000_000).default(0),
});

/** One student of the race: its objective, the objective's parameters and its schedules. */
export const Lane = z.object({
  objective: z.string({ error: 'The objective is a name' }),
  // Any number here, NaN included: the objective's own ranges are checked below, with its labels.
  params: z.record(
    z.string(),
    z.custom<number>((v) => typeof v === 'number', 'Objective parameters are numbers'),
  ),
  schedule: LaneSchedule.default(DEFAULT_SCHEDULE),
  /**
   * The teacher gives this lane only its top k classes (FIRST; DistillKit's offline top-k).
   * Absent or 0: the whole distribution, which every link made before it meant.
   */
  teacherTopK: int('Teacher top k', 0, 256).optional(),
  /** What becomes of the probability outside the top k (src/lib/top-k.ts); absent is `zero`. */
  missingProbability: oneOf('Missing probability', MISSING_PROBABILITY).optional(),
});
export type Lane = z.infer<typeof Lane>;

/**
 * Whether a lane can take the teacher's top k: a task with one class distribution per example.
 * A language task (a distribution per token) keeps its top k in its teacher-output pool instead.
 */
export const laneTopKFits = (task: Task): boolean => forTask(task).rowsPerExample(task) === 1;

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
    lanes: z.array(Lane).min(1, 'At least one student lane').max(MAX_LANES, `At most ${MAX_LANES} students in a race`),
    train: TrainSpec,
    backend: oneOf('Backend', BACKENDS),
  })
  .superRefine((cfg, ctx) => {
    let clean = true;
    const addIssue = (issue: Parameters<typeof ctx.addIssue>[0]) => {
      clean = false;
      ctx.addIssue(issue);
    };
    // Which models fit which task: the task decides.
    for (const issue of forTask(cfg.task).checkModels(cfg)) addIssue({ code: 'custom', ...issue });
    if (cfg.teacher.ensemble && SEQUENCE_STUDENTS.includes(cfg.student.kind))
      addIssue({
        code: 'custom',
        path: ['teacher', 'ensemble'],
        message: 'Several teachers are mixed on fixed-size inputs: not for text students',
      });
    if (cfg.teacher.assistant && SEQUENCE_STUDENTS.includes(cfg.student.kind))
      addIssue({
        code: 'custom',
        path: ['teacher', 'assistant'],
        message: 'A teacher assistant is an MLP on fixed-size inputs: not for text students',
      });
    for (const issue of distilledIssues(cfg)) addIssue({ code: 'custom', ...issue });
    if (cfg.student.kind === 'transformer' && cfg.student.width % cfg.student.heads !== 0)
      addIssue({
        code: 'custom',
        path: ['student', 'heads'],
        message: `Heads must divide the width (${cfg.student.width} is not divisible by ${cfg.student.heads})`,
      });
    cfg.lanes.forEach((lane, i) => {
      if (!hasObjective(lane.objective)) {
        addIssue({
          code: 'custom',
          path: ['lanes', i, 'objective'],
          message: `Unknown objective “${lane.objective}”; choose one of ${OBJECTIVES.map((o) => o.id).join(', ')}`,
        });
        return;
      }
      const def = getObjective(lane.objective);
      const classes = forTask(cfg.task).classes(cfg.task);
      const truncated = truncatesAt(lane.teacherTopK, classes);
      if (lane.teacherTopK && !laneTopKFits(cfg.task))
        addIssue({
          code: 'custom',
          path: ['lanes', i, 'teacherTopK'],
          message: 'A language task keeps the teacher’s top k in its teacher-output pool (Data), not per student',
        });
      else if (lane.teacherTopK && lane.teacherTopK > classes)
        addIssue({
          code: 'custom',
          path: ['lanes', i, 'teacherTopK'],
          message: `Teacher top k must be at most the classes (${classes})`,
        });
      const ctx = signalContext(cfg);
      const zeros = ctx.teacherZeros || (truncated && (lane.missingProbability ?? 'zero') === 'zero');
      const reason = unavailableReason(def, { ...ctx, teacherZeros: zeros }, { ...defaultParams(def), ...lane.params });
      if (reason)
        addIssue({
          code: 'custom',
          path: ['lanes', i, 'objective'],
          message: `${getObjective(lane.objective).name} ${reason}`,
        });
      for (const p of getObjective(lane.objective).params) {
        const v = lane.params[p.key];
        if (v === undefined) continue; // filled with the default by normalizeConfig
        const path = ['lanes', i, 'params', p.key];
        const spec = { label: p.label, min: p.min, max: p.max, whole: p.kind === 'int' || p.kind === 'toggle' };
        const rule = brokenRule(v, spec);
        if (rule) {
          const b: RuleBreak = { rule, spec };
          addIssue({ code: 'custom', path, message: ruleMessage(b), params: { numberRule: b } });
        } else if (p.kind === 'toggle' && v !== 0 && v !== 1)
          addIssue({ code: 'custom', path, message: `${p.label} is on (1) or off (0)` });
      }
    });
    // What the values cost together, once each is valid (the estimate reads them all).
    const over = clean ? budgetIssue(cfg) : null;
    if (over) ctx.addIssue({ code: 'custom', ...over, params: { budget: true } });
  });
export type ExperimentConfig = z.infer<typeof ExperimentConfig>;

/** What the configured models can give an objective (see ObjectiveDef.unavailable). */
/** Where a distilled teacher (text teacher hacking's three models) does not fit the experiment. */
function distilledIssues(cfg: {
  task: Task;
  student: StudentSpec;
  teacher: { distilled?: DistilledTeacher };
}): { path: (string | number)[]; message: string }[] {
  const d = cfg.teacher.distilled;
  if (!d) return [];
  const path = ['teacher', 'distilled'];
  if (!SEQUENCE_STUDENTS.includes(cfg.student.kind) || !('context' in cfg.task))
    return [{ path, message: 'A distilled teacher is a small transformer distilled from a text teacher: text only' }];
  if ('studentVocab' in cfg.task && cfg.task.studentVocab !== 'shared')
    return [{ path, message: 'A distilled teacher needs the shared vocabulary (the oracle writes in it)' }];
  if (d.width % d.heads !== 0)
    return [
      {
        path: [...path, 'heads'],
        message: `Small teacher heads must divide its width (${d.width} is not divisible by ${d.heads})`,
      },
    ];
  return [];
}

export function signalContext(cfg: Pick<ExperimentConfig, 'student' | 'teacher' | 'train' | 'task'>) {
  const task = forTask(cfg.task);
  const inputShape = task.inputShape(cfg.task);
  return {
    studentFeatureDim: featureDim(cfg.student, inputShape, task.studentClasses(cfg.task)),
    teacherFeatureDim: featureDim(cfg.teacher.model, inputShape, task.classes(cfg.task)),
    batchSize: cfg.train.batchSize,
    rows: cfg.train.batchSize * task.rowsPerExample(cfg.task),
    sharedVocabulary: task.sharedVocabulary(cfg.task),
    ...task.teacherSignals?.(cfg.task),
  };
}

export interface FieldError {
  /** Dotted path of the field, e.g. "train.lr" or "lanes.0.params.T". */
  path: string;
  message: string;
  /** Every field is valid, but together they cost more than the budget (./budget.ts). */
  overBudget?: true;
  /** A number field's broken rule and range, for a message in the field's own label and units. */
  rule?: RuleBreak;
}

export type ValidationResult = { ok: true; config: ExperimentConfig } | { ok: false; errors: FieldError[] };

/** Fills each lane's missing objective parameters with defaults and drops unknown ones. */
function normalizeLanes(cfg: ExperimentConfig): ExperimentConfig {
  return {
    ...cfg,
    lanes: cfg.lanes.map((lane) => {
      const def = getObjective(lane.objective);
      const params = Object.fromEntries(def.params.map((p) => [p.key, lane.params[p.key] ?? p.default]));
      // The top-k fields only when set, so a lane without them stays as old links wrote it.
      const { teacherTopK, missingProbability } = lane;
      return {
        objective: lane.objective,
        params,
        schedule: lane.schedule,
        ...(teacherTopK !== undefined && { teacherTopK }),
        ...(missingProbability !== undefined && { missingProbability }),
      };
    }),
  };
}

/** Validates anything (a parsed link, a file, a UI edit) into a complete config or field errors. */
export function validateConfig(input: unknown): ValidationResult {
  const parsed = ExperimentConfig.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
        ...(issue.code === 'custom' && issue.params?.budget === true && { overBudget: true as const }),
        ...(issue.code === 'custom' && ruleBreakOf(issue.params) && { rule: ruleBreakOf(issue.params) }),
      })),
    };
  }
  return { ok: true, config: normalizeLanes(parsed.data) };
}
