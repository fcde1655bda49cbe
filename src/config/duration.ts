/**
 * How long getting the teacher ready would take, before it starts: the budget's count of its
 * multiply-adds (./estimate.ts, `macs.teacher`: training it here, filling its cache and a
 * pool) at measured rates (training steps, forward passes), plus a cost per training step that does not depend on the model
 * (tfjs's bookkeeping per kernel, which is most of a small teacher's step). Both constants were
 * measured in this studio on WASM, the backend Auto picks on a machine without a GPU, on a
 * 2-core machine under load (README, "Long jobs you can stop"): an idle machine or a GPU is
 * faster, so this errs on the side of asking. The run bar asks before starting anything this
 * says is over WARN_MS; once it runs, the progress bar's estimate is measured, not assumed.
 */
import { estimate } from './estimate';
import type { ExperimentConfig } from './schema';

/**
 * Multiply-adds per millisecond of a teacher's training steps (WASM, load 15–17 on 2 cores: a
 * 2-512-512-3 teacher took 142 to 750 ms a step of 102 million, a 2-256-256-3 one 148 ms a step
 * of 26 million).
 */
export const TRAIN_MACS_PER_MS = 0.3e6;
/** Milliseconds per teacher training step besides its multiply-adds (the 2-48-48-3 teacher: 24 ms a step of 1 million). */
export const STEP_MS = 20;
/**
 * Multiply-adds per millisecond of the teacher's forward passes in chunks (its cache, a text
 * pool): filling a 512-window text pool, 18 billion, took 10–15 s (README, the pool); the
 * Fashion-MNIST teacher's cache, 16 billion, about 5 s. The slower of the two.
 */
export const FORWARD_MACS_PER_MS = 1.5e6;
/** Above this, Play asks first. */
export const WARN_MS = 60_000;

const trainedHere = (cfg: ExperimentConfig) =>
  cfg.teacher.model.kind !== 'pretrained' && cfg.teacher.model.kind !== 'imported';

/** Estimated milliseconds to get `cfg`'s teacher ready (train, cache, pool). */
export function prepareMs(cfg: ExperimentConfig): number {
  const steps = trainedHere(cfg) ? cfg.teacher.trainSteps : 0;
  const all = estimate(cfg).macs.teacher;
  // The budget counts training and forward passes together; without the steps, the rest is forward.
  const forward = steps > 0 ? estimate({ ...cfg, teacher: { ...cfg.teacher, trainSteps: 0 } }).macs.teacher : all;
  return steps * STEP_MS + (all - forward) / TRAIN_MACS_PER_MS + forward / FORWARD_MACS_PER_MS;
}

/**
 * The most teacher training steps that keep `cfg` under `limit` ms (the estimate is linear in
 * them), or null when even a few would not (the model or the data is what costs).
 */
export function stepsWithin(cfg: ExperimentConfig, limit = WARN_MS): number | null {
  if (!trainedHere(cfg) || cfg.teacher.trainSteps <= 0) return null;
  const zero = prepareMs({ ...cfg, teacher: { ...cfg.teacher, trainSteps: 0 } });
  const perStep = (prepareMs(cfg) - zero) / cfg.teacher.trainSteps;
  const fits = Math.floor((limit - zero) / perStep);
  // Rounded down to two significant figures, as a person would type it.
  if (!(fits >= 10)) return null;
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(fits)) - 1);
  return Math.min(cfg.teacher.trainSteps, Math.floor(fits / unit) * unit);
}
