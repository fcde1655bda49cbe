import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from './schema';
import { LAYER_ACTIVATION, studentExport } from './export';

describe('studentExport', () => {
  it('names each student kind’s export format, or why there is none', () => {
    expect(studentExport({ kind: 'mlp', hidden: [8], activation: 'relu' }, '4.22.0')).toEqual({
      format: 'layers-model',
    });
    expect(studentExport({ kind: 'cnn', filters: [4], hidden: [], activation: 'elu' }, '4.22.0').format).toBe(
      'layers-model',
    );
    expect(
      studentExport({ kind: 'imported', hash: '0123456789ab', name: 'x', featureDim: 4, params: 10 }, '4.22.0').format,
    ).toBe('layers-model');
    expect(studentExport({ kind: 'transformer', layers: 1, width: 16, heads: 2 }, '4.22.0')).toEqual({
      format: 'kd-studio-transformer',
    });
    const windowMlp = studentExport({ kind: 'window-mlp', window: 4, embed: 8, hidden: [16], activation: 'relu' }, '4');
    expect(windowMlp.format).toBeNull();
    expect(windowMlp.format === null && windowMlp.reason).toMatch(
      /^Window-MLP students cannot be exported yet: .*left-pads/,
    );
    const gelu = studentExport({ kind: 'mlp', hidden: [8], activation: 'gelu' }, '4.22.0');
    expect(gelu.format === null && gelu.reason).toMatch(
      /^Students with gelu cannot be exported yet: TensorFlow\.js 4\.22\.0/,
    );
  });

  it('refuses exactly the activations that have no tfjs layer activation', () => {
    for (const activation of ACTIVATIONS) {
      const plan = studentExport({ kind: 'mlp', hidden: [8], activation }, '4.22.0');
      expect(plan.format === null, activation).toBe(LAYER_ACTIVATION[activation] === null);
    }
  });
});
