/**
 * Every task folder is a registered task: the pure registry, the engine registry and the frozen
 * link bases all know it, its defaults and presets validate, and an unknown kind is refused
 * instead of falling into another task's branch.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../config/schema';
import { BASES_V2 } from '../share/bases';
import { engineFor } from './engine';
import { taskUi } from './ui';
import { ALL_TASKS, TASK_KINDS, isTaskKind, taskDef, type AnyTask } from './registry';

const folders = readdirSync(new URL('./', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('task registry', () => {
  it('lists exactly the task folders, in the pure, the engine and the UI registry', () => {
    expect([...TASK_KINDS].sort()).toEqual(folders);
    for (const kind of folders) {
      expect(isTaskKind(kind)).toBe(true);
      expect(taskDef(kind as AnyTask['kind']).kind).toBe(kind);
      expect(typeof engineFor({ kind } as AnyTask).load).toBe('function');
      expect(typeof taskUi(kind as AnyTask['kind']).Views).toBe('function');
    }
  });

  it('has a frozen link base for every task, and each default validates', () => {
    for (const t of ALL_TASKS) {
      expect(BASES_V2[t.kind], `frozen base for ${t.kind}`).toBeDefined();
      expect(validateConfig(t.defaults)).toMatchObject({ ok: true });
      for (const p of t.presets) expect(validateConfig(p.config), p.id).toMatchObject({ ok: true });
      expect(t.defaults.task.kind).toBe(t.kind);
    }
  });

  it('refuses an unknown task kind everywhere instead of treating it as another task', () => {
    expect(isTaskKind('tabular')).toBe(false);
    expect(() => taskDef('tabular' as AnyTask['kind'])).toThrow(/Unknown task kind/);
    expect(() => engineFor({ kind: 'tabular' } as unknown as AnyTask)).toThrow(/Unknown task kind/);
    expect(() => taskUi('tabular' as AnyTask['kind'])).toThrow(/Unknown task kind/);
    const cfg = { ...ALL_TASKS[0]!.defaults, task: { kind: 'tabular' } };
    const r = validateConfig(cfg);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.message)).toContain('Unknown task kind');
  });
});
