/**
 * The worker's memory() before a backend is chosen. Its own file: nothing here may set a
 * backend first (vitest runs each file in a fresh worker). With the WASM backend registered,
 * its priority is above cpu's and it starts asynchronously, as WebGPU does in the browser.
 */
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { StudioController } from './controller';

describe('memory()', () => {
  it('answers 0 tensors before a backend is chosen, where tf.memory() throws', async () => {
    expect(() => tf.memory()).toThrow(/has not yet been initialized/);
    const c = new StudioController(() => undefined);
    await expect(c.memory()).resolves.toEqual({ numTensors: 0, numBytes: 0 });
  });
});
