/**
 * The models an experiment can name: what the studio builds itself (MLP, CNN, transformer,
 * window MLP), teachers shipped under public/models, and imported layers models. No tfjs.
 */
import { z } from './zod';
import { cnnShapes } from './sizes';
import { int, oneOf } from './fields';

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'gelu', 'elu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

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

/**
 * The Fashion-MNIST CNN teachers, largest first: the one the studio has always shipped, then the
 * smaller rungs of the capacity-gap lab's teacher ladder (scripts/fashion/train-teacher.ts --size).
 */
export const FASHION_TEACHERS = ['fashion-cnn', 'fashion-cnn-xs', 'fashion-cnn-xxs'] as const;
export type FashionTeacher = (typeof FASHION_TEACHERS)[number];

/** A teacher shipped under public/models (trained by a script in scripts/). */
export const PretrainedSpec = z.object({
  kind: z.literal('pretrained'),
  id: oneOf('Pretrained teacher', [...FASHION_TEACHERS, 'char-transformer'] as const),
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
/** A transformer teacher is trained here on the labels (next-character cross-entropy), like an MLP. */
export const TeacherModelSpec = z.discriminatedUnion(
  'kind',
  [MlpSpec, CnnSpec, TransformerSpec, PretrainedSpec, ImportedSpec],
  { error: 'The teacher is an MLP, a CNN, a transformer, a pretrained or an imported model' },
);
export type TeacherModelSpec = z.infer<typeof TeacherModelSpec>;

/** Students that read token sequences rather than feature vectors. */
export const SEQUENCE_STUDENTS: readonly StudentSpec['kind'][] = ['transformer', 'window-mlp'];

export const PRETRAINED_FEATURE_DIMS: Record<PretrainedSpec['id'], number> = {
  'fashion-cnn': 64,
  'fashion-cnn-xs': 32,
  'fashion-cnn-xxs': 16,
  'char-transformer': 96,
};

/**
 * The shipped teachers as the specs they are built like (scripts/fashion/train-teacher.ts,
 * scripts/text/train-teacher.ts), for the memory and time estimate only. The Fashion-MNIST
 * CNN's convolutions are unpadded, so its spec here slightly overcounts it.
 */
export const PRETRAINED_SHAPES: Record<PretrainedSpec['id'], CnnSpec | TransformerSpec> = {
  'fashion-cnn': { kind: 'cnn', filters: [16, 32], hidden: [64], activation: 'relu' },
  'fashion-cnn-xs': { kind: 'cnn', filters: [8, 16], hidden: [32], activation: 'relu' },
  'fashion-cnn-xxs': { kind: 'cnn', filters: [4, 8], hidden: [16], activation: 'relu' },
  'char-transformer': { kind: 'transformer', layers: 4, width: 96, heads: 4 },
};

/**
 * Width of a model's last hidden layer (0 = none), for inputs of `inputShape` and `classes`
 * outputs. The shipped Fashion-MNIST CNN's 'features' layer has 64 units
 * (scripts/fashion/train-teacher.ts).
 */
export function featureDim(
  spec: TeacherModelSpec | StudentSpec,
  inputShape: readonly number[],
  classes: number,
): number {
  if (spec.kind === 'pretrained') return PRETRAINED_FEATURE_DIMS[spec.id];
  if (spec.kind === 'imported') return spec.featureDim;
  if (spec.kind === 'transformer') return spec.width;
  if (spec.kind === 'window-mlp') return spec.hidden.at(-1) ?? 0;
  if (spec.kind === 'cnn') {
    if (inputShape.length !== 3) return 0;
    return spec.hidden.at(-1) ?? cnnShapes(spec, inputShape as [number, number, number], classes).flatFeatures;
  }
  return spec.hidden.at(-1) ?? 0;
}
