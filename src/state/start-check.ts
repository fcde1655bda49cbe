/**
 * Asking before a long start: Play (or Step) on an experiment whose teacher would take more
 * than about a minute to get ready (config/duration.ts), longer than its task's shipped
 * experiment, shows the estimate and asks, in the run bar, instead of starting. "Start anyway" starts it; any edit withdraws the question (the new
 * setting is estimated at its own Play).
 */
import { create } from 'zustand';
import { WARN_MS, prepareMs, stepsWithin } from '../config/duration';
import type { ExperimentConfig } from '../config/schema';
import { forTask } from '../tasks/registry';

export type StartAction = 'play' | 'step';

export interface StartQuestion {
  action: StartAction;
  /** The estimate, in ms. */
  ms: number;
  /** Teacher training steps that would fit about a minute, when lowering them is what helps. */
  fits: number | null;
  /** The experiment it is about: an edit since withdraws it. */
  config: ExperimentConfig;
}

export const useStartCheck = create<{ question?: StartQuestion }>(() => ({}));

/**
 * Settings within this factor of the task's shipped experiment are its own: that experiment's
 * time is known (README) and shown with a measured estimate as it runs.
 */
const SHIPPED_SLACK = 1.1;

/**
 * The question to ask before `action` on `config`; null to start at once. Asked when the
 * estimate is over about a minute and the settings make it longer than the task's shipped
 * experiment (the text-file and image-folder teachers take minutes here as shipped: they are
 * the experiment, not a setting someone raised).
 */
export function startQuestion(config: ExperimentConfig, action: StartAction, built: boolean): StartQuestion | null {
  // With the teacher ready, Play only distils: nothing long to warn about.
  if (built) return null;
  const ms = prepareMs(config);
  const shipped = prepareMs(forTask(config.task).defaults);
  return ms > Math.max(WARN_MS, SHIPPED_SLACK * shipped) ? { action, ms, fits: stepsWithin(config), config } : null;
}
