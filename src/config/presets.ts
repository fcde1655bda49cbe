/**
 * Ready-made experiments. Each is a complete config (validated in a unit test) plus a sentence
 * on what to look for. Each task ships its own (src/tasks/<kind>/presets.ts).
 */
import { ALL_TASKS } from '../tasks/registry';
import type { ExperimentConfig } from './schema';

export interface Preset {
  id: string;
  name: string;
  /** What a person should look for. */
  lookFor: string;
  config: ExperimentConfig;
}

export const PRESETS: readonly Preset[] = ALL_TASKS.flatMap((t) => t.presets);

export const getPreset = (id: string): Preset | undefined => PRESETS.find((p) => p.id === id);
