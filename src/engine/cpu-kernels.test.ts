import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu } from '../test/tf';
import { checkCpuKernels } from './cpu-kernels';

beforeAll(useCpu);

describe('fast cpu kernels', () => {
  it('match tfjs’s own Conv2DBackpropFilter and MaxPoolGrad on varied shapes, paddings and strides', async () => {
    await expect(checkCpuKernels()).resolves.toBeUndefined();
  });
});
