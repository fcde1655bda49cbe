import { describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { MIGRATIONS, migrateConfig } from './migrate';
import { V1_DEFAULT } from './v1-default.fixtures';
import { CONFIG_VERSION, validateConfig } from './schema';

describe('migrateConfig', () => {
  it('upgrades the version-1 default to the version-2 default', () => {
    const { config, migratedFrom } = migrateConfig(structuredClone(V1_DEFAULT));
    expect(migratedFrom).toBe(1);
    expect(config).toEqual(TOY_CONFIG);
    expect(validateConfig(config)).toEqual({ ok: true, config: TOY_CONFIG });
  });

  it('adds the constant schedule to every lane and keeps the teacher cache on', () => {
    const v1 = {
      ...V1_DEFAULT,
      lanes: [
        { objective: 'hinton', params: { T: 2 } },
        { objective: 'baseline', params: {} },
      ],
    };
    const { config } = migrateConfig(v1) as { config: typeof TOY_CONFIG };
    expect(config.version).toBe(2);
    expect(config.lanes.map((l) => l.schedule)).toEqual([
      { temperature: 'constant', temperatureEnd: 1, warmup: 0 },
      { temperature: 'constant', temperatureEnd: 1, warmup: 0 },
    ]);
    expect(config.train.teacherCache).toBe(true);
  });

  it('does not touch its input', () => {
    const v1 = structuredClone(V1_DEFAULT);
    migrateConfig(v1);
    expect(v1).toEqual(V1_DEFAULT);
  });

  it('keeps fields a version-1 config already had (never overwrites)', () => {
    const v1 = {
      ...V1_DEFAULT,
      lanes: [{ objective: 'hinton', params: {}, schedule: { temperature: 'cosine', temperatureEnd: 2, warmup: 5 } }],
      train: { ...V1_DEFAULT.train, teacherCache: false },
    };
    const { config } = migrateConfig(v1) as { config: typeof TOY_CONFIG };
    expect(config.lanes[0]!.schedule).toEqual({ temperature: 'cosine', temperatureEnd: 2, warmup: 5 });
    expect(config.train.teacherCache).toBe(false);
  });

  it('leaves current, newer and unversioned configs alone (same object)', () => {
    for (const c of [TOY_CONFIG, { ...TOY_CONFIG, version: 99 }, { seed: 1 }, { version: '1' }, { version: 1.5 }])
      expect(migrateConfig(c)).toEqual({ config: c });
    expect(migrateConfig(TOY_CONFIG).config).toBe(TOY_CONFIG);
  });

  it('never throws on garbage', () => {
    const garbage: unknown[] = [
      null,
      undefined,
      0,
      'v1',
      [],
      [1, 2],
      { version: 1 },
      { version: 1, lanes: 'x', train: 5 },
      { version: 1, lanes: [null, 3, 'x', []], train: null },
      { version: 0 },
      { version: -1e308 },
      { version: Number.NaN },
      JSON.parse('{"version":1,"__proto__":{"x":1},"lanes":[{"__proto__":{"y":1}}]}'),
    ];
    for (const g of garbage) expect(() => migrateConfig(g)).not.toThrow();
    expect(migrateConfig({ version: 1, lanes: 'x', train: 5 })).toEqual({
      config: { version: 2, lanes: 'x', train: 5 },
      migratedFrom: 1,
    });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('has a step from every older version up to CONFIG_VERSION', () => {
    for (let v = 1; v < CONFIG_VERSION; v++) {
      const step = MIGRATIONS.find((m) => m.from === v);
      expect(step, `no migration from version ${v}`).toBeDefined();
      expect(step!.to).toBe(v + 1);
    }
  });
});
