/** Optimiser construction and the two tfjs quirks we work around. */
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/schema';
import { FlatAdamOptimizer } from './flat-adam';

/** Adam is tfjs's arithmetic over one flat buffer (flat-adam.ts): the same numbers, fewer kernels. */
export function buildOptimizer(cfg: Pick<ExperimentConfig['train'], 'optimizer' | 'lr' | 'momentum'>): tf.Optimizer {
  return cfg.optimizer === 'adam' ? new FlatAdamOptimizer(cfg.lr) : tf.train.momentum(cfg.lr, cfg.momentum);
}

/*
 * Note: `instanceof` cannot tell tfjs optimisers apart: Optimizer defines Symbol.hasInstance
 * as "has minimize()", so every optimiser is an `instanceof tf.SGDOptimizer`. We ask for the
 * class name instead.
 */

/** Changes the learning rate of a live optimiser (Adam reads `learningRate` at every update). */
export function setLearningRate(opt: tf.Optimizer, lr: number): void {
  if (opt.getClassName() === 'Momentum' || opt.getClassName() === 'SGD') (opt as tf.SGDOptimizer).setLearningRate(lr);
  else (opt as unknown as { learningRate: number }).learningRate = lr;
}

/**
 * Disposes an optimiser completely. tfjs 4.22's MomentumOptimizer.dispose() forgets the
 * learning-rate scalar `c` it inherits from SGDOptimizer, which leaks one tensor per optimiser.
 */
export function disposeOptimizer(opt: tf.Optimizer): void {
  opt.dispose();
  if (opt.getClassName() === 'Momentum') (opt as unknown as { c?: tf.Tensor }).c?.dispose();
}

/**
 * Adam's running powers β1ᵗ and β2ᵗ: variables multiplied by β once per step. tfjs's
 * setWeights recomputes them as pow(β, t + 1), which rounds differently, so a student snapshot
 * (engine/snapshot.ts) keeps them as they are. Empty for other optimisers.
 */
export function adamPowers(opt: tf.Optimizer): tf.Variable[] {
  const a = opt as unknown as { accBeta1?: tf.Variable; accBeta2?: tf.Variable };
  return opt.getClassName() === 'Adam' && a.accBeta1 && a.accBeta2 ? [a.accBeta1, a.accBeta2] : [];
}
