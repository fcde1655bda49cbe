/**
 * Config snippets for the frameworks people already run: a torchdistill YAML for experiments on
 * rows (images, tables, points) and a TRL GKDConfig for the language tasks. Each opens with a
 * header naming every difference in semantics from the studio; nothing here is the replay
 * (train.py is), these are starting points in the other tool's own terms.
 */
import type { ExperimentConfig, Lane } from '../../config/schema';

const num = (v: number | undefined, fallback: number) => (v === undefined ? fallback : v);

/** torchdistill's KDLoss weighs the cross-entropy with alpha: the studio's α is 1 − that. */
function torchdistillCriterion(lane: Lane): { yaml: string[]; notes: string[] } {
  const T = num(lane.params.T, 4);
  const alpha = num(lane.params.alpha, 0.9);
  if (lane.objective === 'hinton')
    return {
      yaml: [
        '    criterion:',
        "      key: 'WeightedSumLoss'",
        '      kwargs:',
        '        sub_terms:',
        '          kd:',
        '            criterion:',
        "              key: 'KDLoss'",
        '              kwargs:',
        `                temperature: ${T}`,
        `                alpha: ${+(1 - alpha).toFixed(6)}   # the studio's α = ${alpha} weighs the KD term; torchdistill's alpha weighs the CE`,
        "                reduction: 'batchmean'",
        '            weight: 1.0',
      ],
      notes: [
        `torchdistill's KDLoss: L = alpha·CE + (1 − alpha)·T²·KL. The studio: L = (1 − α)·CE + α·T²·KL, so alpha here is 1 − ${alpha}.`,
        lane.params.t2 === 0
          ? 'The studio lane does not scale the KL by T² (t2 = 0); KDLoss always does.'
          : 'Both scale the KL by T².',
      ],
    };
  if (lane.objective === 'baseline')
    return {
      yaml: ['    criterion:', "      key: 'CrossEntropyLoss'", '      kwargs:', "        reduction: 'mean'"],
      notes: ['The baseline lane has no teacher term: plain cross-entropy on the labels.'],
    };
  return {
    yaml: ['    # criterion: no torchdistill built-in matches this objective; kd/objectives.py in this zip has it.'],
    notes: [
      `The objective "${lane.objective}" has no torchdistill built-in loss; port kd/objectives.py into a custom loss.`,
    ],
  };
}

export function torchdistillYaml(config: ExperimentConfig, lane = 0): string {
  const l = config.lanes[lane]!;
  const c = torchdistillCriterion(l);
  const t = config.train;
  const header = [
    '# torchdistill config sketch for this KD Studio experiment (lane ' + (lane + 1) + ': ' + l.objective + ').',
    '# Differences from the studio run, in semantics:',
    ...c.notes.map((n) => `# - ${n}`),
    '# - Data: the studio samples seeded batches (sfc32) that mix labelled and transfer rows; torchdistill uses',
    '#   a shuffled DataLoader over one dataset. Point the datasets section at your data (data/*.npy here).',
    "# - Optimiser: the studio's Adam has ε = 1e-7 (tfjs); torch's default is 1e-8. Set eps below to match.",
    '# - Models: the studio builds them from kd/models.py; register those classes with torchdistill or use your own.',
    '# - Steps: the studio counts steps, torchdistill counts epochs (num_epochs below is steps × batch / rows).',
    '# - Transfer rows (the data budget): torchdistill has no unlabelled-row mask; they would count in the CE.',
    '',
  ];
  const rows = Math.max(1, (config.task as { trainImages?: number }).trainImages ?? 1000);
  const epochs = Math.max(1, Math.round((t.steps * t.batchSize) / rows));
  return [
    ...header,
    'datasets:',
    '  kd_studio:',
    "    name: 'kd_studio'",
    "    type: 'kd.data.NpyRows'   # a Dataset over data/train_x.npy and data/train_y.npy (write one, or use yours)",
    '',
    'models:',
    '  teacher_model:',
    "    key: 'kd_studio_teacher'",
    "    kwargs: {files: 'weights/teacher.json'}",
    "    src_ckpt: 'weights/teacher.json'",
    '  student_model:',
    "    key: 'kd_studio_student'",
    "    kwargs: {files: 'weights/student-init.json'}",
    '    src_ckpt:',
    '',
    'train:',
    `  num_epochs: ${epochs}`,
    '  train_data_loader:',
    "    dataset_id: 'kd_studio/train'",
    "    sampler: {class_or_func: !import_get {key: 'torch.utils.data.RandomSampler'}, kwargs: {replacement: False}}",
    `    kwargs: {batch_size: ${t.batchSize}, num_workers: 2}`,
    `    cache_output: ${config.train.teacherCache ? 'True' : 'False'}`,
    '  teacher:',
    "    forward_proc: 'forward_batch_only'",
    '    frozen_modules: []',
    '  student:',
    "    forward_proc: 'forward_batch_only'",
    '    frozen_modules: []',
    '  optimizer:',
    t.optimizer === 'adam'
      ? `    key: 'Adam'\n    kwargs: {lr: ${t.lr}, eps: 1.0e-7}`
      : `    key: 'SGD'\n    kwargs: {lr: ${t.lr}, momentum: ${t.momentum}}`,
    ...c.yaml,
    '',
  ].join('\n');
}

/** TRL's GKDConfig for a language experiment: its β is the studio's JSD β, its temperature is for sampling. */
export function trlGkdConfig(config: ExperimentConfig, lane = 0): string {
  const l = config.lanes[lane]!;
  const task = config.task as {
    onPolicy?: number;
    sequenceKd?: boolean;
    samplingTemperature?: number;
    context?: number;
  };
  const beta =
    l.objective === 'jsd'
      ? num(l.params.beta, 0.5)
      : l.objective === 'reverse-kl'
        ? 1
        : l.objective === 'hinton'
          ? 0
          : 0.5;
  const T = num(l.params.T, 1);
  const notes = [
    "TRL's `temperature` is the SAMPLING temperature of on-policy generations; the studio's is `samplingTemperature` " +
      `(${task.samplingTemperature ?? 0.9}), mapped there. The studio's loss temperature T (${T}) has no TRL counterpart: TRL's loss is at T = 1.`,
    "TRL's loss is the generalised JSD alone, no cross-entropy term: the studio's α (" +
      `${num(l.params.alpha, 1)}) and its CE part are dropped.`,
    l.objective === 'jsd' || l.objective === 'reverse-kl' || l.objective === 'hinton'
      ? `Objective ${l.objective} → beta = ${beta} (0 = KL(teacher‖student), 1 = KL(student‖teacher)).`
      : `Objective ${l.objective} has no GKD counterpart; beta = 0.5 (JSD) is a stand-in.`,
    "TRL draws λ with Python's random.random() per step; the studio draws it from the seed and the step, so TRL runs do not replay.",
    'TRL tokenises with a subword tokenizer; the studio is character-level (vocabulary in config.json).',
  ];
  return [
    '# TRL GKDConfig sketch for this KD Studio experiment (lane ' + (lane + 1) + ': ' + l.objective + ').',
    '# Differences from the studio run, in semantics:',
    ...notes.map((n) => `# - ${n}`),
    'from trl import GKDConfig',
    '',
    'args = GKDConfig(',
    '    output_dir="gkd-kd-studio",',
    `    lmbda=${num(task.onPolicy, 0)},  # on-policy share of steps (the studio's λ)`,
    `    beta=${beta},`,
    `    temperature=${task.samplingTemperature ?? 0.9},  # sampling temperature`,
    `    max_new_tokens=${Math.max(1, (task.context ?? 64) - Math.max(1, Math.floor((task.context ?? 64) / 4)) + 1)},`,
    `    seq_kd=${task.sequenceKd ? 'True' : 'False'},`,
    `    learning_rate=${config.train.lr},`,
    `    per_device_train_batch_size=${config.train.batchSize},`,
    `    max_steps=${config.train.steps},`,
    `    seed=${config.seed},`,
    ')',
    '',
  ].join('\n');
}
