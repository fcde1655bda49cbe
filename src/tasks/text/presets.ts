/** Ready-made language experiments, each with a sentence on what to look for. */
import { forwardKl, lane } from '../../config/lanes';
import type { Preset } from '../../config/presets';
import { TEXT_CONFIG, TEXT_STUDENTS } from './defaults';
import { DEFAULT_POOL } from './pool';

/** The pool preset's: 64 windows (4,096 characters), the teacher's top 8 per character, renormalised. */
export const SMALL_POOL = { ...DEFAULT_POOL, size: 64 };

/** The draft race's budget. */
export const DRAFT_STEPS = 400;

const DRAFT_LOOK_FOR =
  'Four 1×32 students as draft models for the teacher (speculative decoding, γ = 4). Watch the two draft charts: the share of drafted characters the teacher accepts, and the characters one teacher call yields, for sampling (solid) and greedy decoding (dashed); then run the demo under the views. In our runs (400 steps, WASM, seeds 42 and 7) JSD made the best draft under both decodings (2.52–2.54 characters per call sampling, 2.21 greedy, against 2.21–2.23 and 1.97–1.99 with no teacher) and forward KL the second; reverse KL tied no teacher when sampling but was the worst draft when greedy (1.89–1.92).';

/** The text teacher-hacking race's budget. */
export const HACKING_STEPS = 600;

const HACKING_LOOK_FOR =
  'Two identical 1×32 students distil the shipped 4×96 transformer by forward KL. Student 1 trains on a fixed pool of 64 windows (the teacher’s full outputs, stored once), student 2 on fresh windows. Here the oracle is the teacher itself: the golden distance is KL(teacher‖student) on held-out windows, the proxy KL(teacher‖student) on the windows a student trains on. Watch the log-log chart: in our run (600 steps, WASM, seed 42) student 1’s proxy fell from 1.11 at step 50 to 0.23 at step 600 while its golden distance turned up after step 80 (1.14 → 2.0); student 2’s fell to 0.52.';

/** The three-model race's small teacher: distilled from the shipped 4×96 one before the lanes start. */
export const SMALL_TEACHER = { layers: 2, width: 48, heads: 4, steps: 300 };

const HACKING_3_LOOK_FOR =
  'Three models, as in the paper: the shipped 4×96 transformer is the oracle; a 2×48 teacher is distilled from it first (300 steps of forward KL on corpus windows; the progress bar shows it); two identical 1×32 students then distil that teacher, student 1 on a fixed pool of 64 windows, student 2 on fresh windows. Golden: KL(oracle‖student) on held-out windows; proxy: KL(teacher‖student) on the windows a student trains on; the grey line is the teacher’s own KL(oracle‖teacher), the floor a perfect copy of the teacher would reach.';

export const TEXT_PRESETS: readonly Preset[] = [
  {
    id: 'text',
    name: 'Text: character transformer → small transformer',
    lookFor:
      'The shipped 4×96 transformer distilled into a 2×48 one, character by character. Watch the student’s sample turn from noise into word-like text, and its perplexity fall towards the teacher’s dashed line (on WASM, 300 steps take about 2 minutes and reach about 56% agreement).',
    config: TEXT_CONFIG,
  },
  {
    id: 'text-divergences',
    name: 'Text: forward KL vs reverse KL vs ULD (tiny transformer)',
    lookFor:
      'Three 1×32 students, same data. Forward KL (student 1) leads on agreement and perplexity after 300 steps (53% agreement vs 46% for the other two in our run). Reverse KL (student 2) is mode-seeking: it grows overconfident, its calibration error (ECE) was about 4× forward KL’s in our run. ULD (student 3) only matches how peaked the teacher is, not on which character: that part comes from its cross-entropy.',
    config: {
      ...TEXT_CONFIG,
      student: TEXT_STUDENTS.tinyTransformer.spec,
      lanes: [forwardKl(), lane('reverse-kl', { T: 1, alpha: 1 }), lane('uld')],
    },
  },
  {
    id: 'text-vocab',
    name: 'Text: a student with its own vocabulary — ULD vs labels only',
    lookFor:
      'The 1×32 student writes in 30 symbols (digits as #, punctuation as .), the teacher in 49, so only ULD can distil: it matches the sorted probabilities, blind to which character is which. In our run (300 steps) ULD did not beat the label-only student (46% vs 48% agreement, perplexity 9.9 vs 9.1) and made it overconfident (calibration error 0.150 vs 0.024): knowing how peaked the teacher is, without knowing where, is a weak signal.',
    config: {
      ...TEXT_CONFIG,
      task: { ...TEXT_CONFIG.task, studentVocab: 'coarse' },
      student: TEXT_STUDENTS.tinyTransformer.spec,
      lanes: [lane('uld'), lane('baseline')],
    },
  },
  {
    id: 'text-gkd',
    name: 'Text: on-policy distillation (GKD: λ = 0.5, JSD β = 0.5)',
    lookFor:
      'TRL’s GKD defaults: half the steps train on the student’s own samples (temperature 0.9), scored character by character by the teacher with the generalized JSD. On-policy steps generate text first, so steps are slower; compare the curves with the “character transformer → small transformer” experiment.',
    config: {
      ...TEXT_CONFIG,
      task: { ...TEXT_CONFIG.task, onPolicy: 0.5 },
      lanes: [lane('jsd', { T: 1, alpha: 1, beta: 0.5 })],
    },
  },
  {
    id: 'text-pool',
    name: 'Text: a fixed pool of 64 windows, top-8 teacher outputs (the student learns them by heart)',
    lookFor:
      'The teacher scores 64 windows (4,096 characters) once; its top 8 per character are kept (7.5% of the probability left out) and renormalised, and every step draws from them with no teacher pass. The student learns those windows by heart: in our run (600 steps, WASM, seed 42) its agreement on the pool’s windows climbed to 86% while held-out agreement peaked at 39% (step 50) and fell back to 31%, held-out perplexity rising from 13 to 40. The same student on fresh windows reached 70% held-out agreement and perplexity 5.8. Watch the last chart: pool windows (dashed) against held-out (solid).',
    config: { ...TEXT_CONFIG, task: { ...TEXT_CONFIG.task, pool: SMALL_POOL } },
  },
  {
    id: 'text-teacher-hacking',
    name: 'Text: teacher hacking — a fixed pool of 64 windows vs fresh windows',
    lookFor: HACKING_LOOK_FOR,
    config: {
      ...TEXT_CONFIG,
      task: { ...TEXT_CONFIG.task, pool: { ...SMALL_POOL, outputs: 'full', lanes: ['pool', 'fresh'] } },
      student: TEXT_STUDENTS.tinyTransformer.spec,
      lanes: [forwardKl(), forwardKl()],
      train: { ...TEXT_CONFIG.train, steps: HACKING_STEPS, evalEvery: 10 },
    },
  },
  {
    id: 'text-teacher-hacking-3',
    name: 'Text: teacher hacking with three models — oracle, a distilled 2×48 teacher, pool vs fresh students',
    lookFor: HACKING_3_LOOK_FOR,
    config: {
      ...TEXT_CONFIG,
      task: { ...TEXT_CONFIG.task, pool: { ...SMALL_POOL, outputs: 'full', lanes: ['pool', 'fresh'] } },
      teacher: { ...TEXT_CONFIG.teacher, distilled: SMALL_TEACHER },
      student: TEXT_STUDENTS.tinyTransformer.spec,
      lanes: [forwardKl(), forwardKl()],
      train: { ...TEXT_CONFIG.train, steps: HACKING_STEPS, evalEvery: 10 },
    },
  },
  {
    id: 'text-draft',
    name: 'Text: the student as a draft model — forward KL vs reverse KL vs JSD vs no teacher',
    lookFor: DRAFT_LOOK_FOR,
    config: {
      ...TEXT_CONFIG,
      student: TEXT_STUDENTS.tinyTransformer.spec,
      lanes: [
        forwardKl(),
        lane('reverse-kl', { T: 1, alpha: 1 }),
        lane('jsd', { T: 1, alpha: 1, beta: 0.5 }),
        lane('baseline'),
      ],
      train: { ...TEXT_CONFIG.train, steps: DRAFT_STEPS },
    },
  },
];
