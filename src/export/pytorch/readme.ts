/** The exported project's README.md and requirements.txt, written for the experiment they ship with. */
import type { ExperimentConfig } from '../../config/schema';
import type { ResolvedData } from './resolved';

/** The versions the export's tests run against (Debian bookworm's python3-torch and python3-numpy). */
export const TESTED = { torch: '1.13.1', numpy: '1.24.2', python: '3.11' };

export const REQUIREMENTS = [
  `# Tested with torch ${TESTED.torch} and numpy ${TESTED.numpy} on Python ${TESTED.python} (CPU).`,
  'torch>=1.13',
  'numpy>=1.24',
  '',
].join('\n');

export function projectReadme(config: ExperimentConfig, data: ResolvedData, snippets: string[]): string {
  const lanes = config.lanes.map((l, i) => `lane ${i + 1}: ${l.objective}`).join(', ');
  const text = data.kind === 'windows';
  return `# KD Studio experiment, as a PyTorch project

Exported from KD Studio: ${config.lanes.length > 1 ? `a race of ${config.lanes.length} lanes (${lanes})` : lanes}, seed ${config.seed},
${config.train.steps} steps of ${config.train.optimizer === 'adam' ? 'Adam' : 'SGD with momentum'} at learning rate ${config.train.lr},
batch ${config.train.batchSize}${text ? ` windows of ${data.context} characters` : ''}.

## Run it

\`\`\`sh
pip install -r requirements.txt
python train.py                             # the experiment as the studio ran it
python train.py --steps 200 --compare kd-studio-metrics.csv   # replay check (Export → Metrics as CSV)
torchrun --nproc_per_node=2 train.py        # DistributedDataParallel: gloo on CPU, nccl on CUDA
python -m kd.objectives --selftest          # every objective against the studio's golden values
\`\`\`

On torch 1.13 with Python 3.11 (Debian bookworm's python3-torch), torchrun itself fails before it starts
(\`'NoneType' object has no attribute 'get'\`): \`python -m kd.torchrun --nproc_per_node=2 train.py\` is
torchrun with the one-line fix later torch versions carry.

\`train.py\` writes \`runs/metrics.csv\` (the studio's metrics CSV columns), each lane's trained student
as \`runs/student-N.pt\` (a state_dict) and as \`runs/student-N.json\` + \`.bin\` (TensorFlow.js files:
the studio's **Import model** reads them back as a teacher or a student${text ? ', for MLP and CNN students' : ''}).
Options: \`--device cpu|cuda\`, \`--threads N\`, \`--out DIR\`, \`--no-teacher-cache\`; \`python train.py --help\`.

## It replays the browser

On one process, \`train.py\` draws the same batches in the same order (the studio's seeded sfc32
generator, ported in \`kd/rng.py\` and \`kd/sampler.py\`), starts from the same weights, computes
the same losses (\`kd/objectives.py\`) and updates with tfjs's own Adam or momentum arithmetic
(\`kd/optim.py\`, ε = 1e-7 as in tfjs, not torch's 1e-8). In float32 the loss curve then matches
the studio's step by step; \`--compare\` prints the largest relative difference it finds.
On several processes each rank takes its share of every seeded batch and DDP averages the
gradients: the curve is then close to, not identical with, the one-process run.

## What each file is

| file | what |
| --- | --- |
| \`config.json\` | the studio's config exactly as its link has it (\`config\`, and \`link\`), plus every value the studio resolved (\`resolved\`): data files and shapes, loss and evaluation columns, each lane's state context |
| \`train.py\` | the distillation loop (one process or torchrun) |
| \`kd/objectives.py\` | every objective of the studio, with its conventions (T² scaling, token-mean with masks, the DKD split, TAID's t update, the ULD sort) |
| \`kd/models.py\` | the MLP, CNN, character transformer and window MLP with the studio's layer layout, and the tfjs ↔ torch weight-layout conversions |
| \`kd/tfjs_io.py\` | reads and writes TensorFlow.js weight files (\`weights/\`, and the trained students) |
| \`kd/data.py\`, \`data/\` | the experiment's exact data as .npy (numpy.load reads them) and each step's batch |
| \`kd/rng.py\`, \`kd/sampler.py\` | the studio's seeded generator and batch order |
| \`kd/optim.py\` | Adam and momentum with tfjs's arithmetic |
| \`kd/tfops.py\` | the losses' maths rounded as tfjs's cpu backend rounds it (\`--rounding float32\` for plain torch ops) |
| \`kd/torchrun.py\` | torchrun with the fix torch 1.13 needs on Python 3.11 |
| \`kd/metrics.py\`, \`kd/evaluate.py\` | the held-out metrics${data.probe ? ' and the saliency agreement' : ''} |
| \`weights/\` | the teacher and the students' initial weights (TensorFlow.js layout; kd/models.py converts: a Dense kernel [in, out] becomes Linear.weight [out, in], a conv HWIO becomes OIHW, and the Dense after a conv's flatten is re-ordered from NHWC to NCHW) |
${snippets.map((s) => `| \`${s}\` | a config for that framework, with a header naming every difference from the studio |`).join('\n')}

## Bigger models, more data

- **A bigger student**: build it in \`kd/models.py\` (its \`forward(x, training)\` returns logits and the
  last hidden features) and load it instead of \`weights/student-init.json\` in \`train.py\`.
  Objectives that match features (FitNets, RKD) need the feature widths to fit, or a projection.
- **The full data set**: ${
    text
      ? 'replace `data/corpus.npy` with your corpus as int32 ids in the same vocabulary (config.json → resolved.data.vocab) and set `resolved.data.trainEnd` to where its held-out tail starts.'
      : 'replace `data/train_x.npy` / `train_y.npy` (float32 rows shaped like these, int32 labels) and `labelled.npy` / `transfer.npy` (which rows keep their labels), and delete `data/teacher_train_logits.npy`: the teacher then labels every batch itself.'
  }
- **A GPU**: \`python train.py --device cuda\`, or \`torchrun --nproc_per_node=<GPUs> train.py\` (nccl).
  Float results then differ from the browser's in the last digits; the seeded batch order stays.
`;
}
