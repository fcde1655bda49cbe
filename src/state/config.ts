/**
 * The experiment being edited. `config` is always valid: an edit that fails validation leaves
 * it as it was and records a message for that field instead.
 */
import { create } from 'zustand';
import { DEFAULT_CONFIG } from '../config/defaults';
import { validateConfig, type ExperimentConfig, type FieldError } from '../config/schema';
import { setIn } from '../lib/path';

interface ConfigState {
  config: ExperimentConfig;
  /** Messages for fields whose last edit was rejected, by dotted path. */
  errors: Record<string, string>;
  /** Tries to set one field; returns whether the edit was accepted. */
  update(path: string, value: unknown): boolean;
  /** Marks a field as holding text that is not even a number. */
  reject(path: string, message: string): void;
  /** Clears a field's message (e.g. its input was reset to the valid value). */
  clearError(path: string): void;
  /**
   * Replaces the whole config (a preset, a link); invalid input is rejected with its errors.
   * `fresh`: this is another experiment, so its students start afresh (see `freshRuns`).
   */
  replace(next: unknown, options?: { fresh?: boolean }): FieldError[];
  /**
   * Counts the experiments chosen (presets, tasks, saved runs opened). studio.ts tells the
   * worker to restart the students when it grows, even for a config that could apply live.
   */
  freshRuns: number;
}

const without = (errors: Record<string, string>, path: string) =>
  Object.fromEntries(Object.entries(errors).filter(([k]) => k !== path));

export const useConfigStore = create<ConfigState>((set, get) => ({
  config: DEFAULT_CONFIG,
  errors: {},
  freshRuns: 0,
  update(path, value) {
    const result = validateConfig(setIn(get().config, path, value));
    if (result.ok) {
      set({ config: result.config, errors: without(get().errors, path) });
      return true;
    }
    const own = result.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`)) ?? result.errors[0]!;
    set({ errors: { ...get().errors, [path]: own.message } });
    return false;
  },
  reject(path, message) {
    set({ errors: { ...get().errors, [path]: message } });
  },
  clearError(path) {
    set({ errors: without(get().errors, path) });
  },
  replace(next, options) {
    const result = validateConfig(next);
    if (!result.ok) return result.errors;
    set({ config: result.config, errors: {}, freshRuns: get().freshRuns + (options?.fresh ? 1 : 0) });
    return [];
  },
}));
