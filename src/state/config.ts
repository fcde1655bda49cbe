/**
 * The experiment being edited. `config` is always valid: an edit that fails validation leaves
 * it as it was and records a message for that field instead.
 */
import { create } from 'zustand';
import { DEFAULT_CONFIG } from '../config/defaults';
import { validateConfig, type ExperimentConfig, type FieldError } from '../config/schema';
import { setIn } from '../lib/path';

/**
 * Why a field's last edit was rejected: the schema's error for it (its message, and for a number
 * its broken rule, which the field words in its own label) and the text the person typed.
 */
export interface FieldProblem extends FieldError {
  text?: string;
}

interface ConfigState {
  config: ExperimentConfig;
  /** Fields whose last edit was rejected, by dotted path. */
  errors: Record<string, FieldProblem>;
  /**
   * Tries to set one field; returns whether the edit was accepted. `text`: what was typed, when
   * the value came from a text box (a message can quote it).
   */
  update(path: string, value: unknown, text?: string): boolean;
  /** Marks a field as holding text the field itself could not read (a list with an empty entry). */
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

const without = (errors: Record<string, FieldProblem>, path: string) =>
  Object.fromEntries(Object.entries(errors).filter(([k]) => k !== path));

export const useConfigStore = create<ConfigState>((set, get) => ({
  config: DEFAULT_CONFIG,
  errors: {},
  freshRuns: 0,
  update(path, value, text) {
    const result = validateConfig(setIn(get().config, path, value));
    if (result.ok) {
      set({ config: result.config, errors: without(get().errors, path) });
      return true;
    }
    const own = result.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`)) ?? result.errors[0]!;
    set({ errors: { ...get().errors, [path]: { ...own, ...(text !== undefined && { text }) } } });
    return false;
  },
  reject(path, message) {
    set({ errors: { ...get().errors, [path]: { path, message } } });
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
