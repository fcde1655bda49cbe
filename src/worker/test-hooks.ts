/**
 * TEST HOOKS ONLY. What the browser tests do to the worker that nothing else may: make a step
 * throw, lose the GPU device, read memory counters. The controller refuses them unless the
 * page that connected asked for test hooks, which it does only when a test set its flag before
 * the app loaded (src/state/test-hooks.ts). Closing the worker itself is studio.worker.ts's.
 */
import * as tf from '@tensorflow/tfjs';
import type { Session } from '../engine/session';
import type { DebugCommand } from './protocol';

export interface TestHookTarget {
  session(): Session | undefined;
  /** The next training tick throws. */
  failNextTick(): void;
}

export async function runTestHook(command: DebugCommand, enabled: boolean, target: TestHookTarget): Promise<unknown> {
  if (!enabled) throw new Error('Test hooks are off');
  switch (command) {
    case 'throw-in-tick':
      target.failNextTick();
      return true;
    case 'lose-device': {
      // The tfjs WebGPU backend exposes its device; destroying it is what a lost GPU looks like.
      const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
      device?.destroy();
      return Boolean(device);
    }
    case 'memory': {
      const m = tf.memory();
      return { numTensors: m.numTensors, numBytes: m.numBytes, step: target.session()?.step };
    }
    case 'close':
      throw new Error('Closing is the worker entry’s to do');
  }
}

/** TEST HOOK: a tick that throws, once, after a test asked for it (`throw-in-tick`). */
export class TickTrap {
  private armed = false;

  arm(): void {
    this.armed = true;
  }

  /** Called as every tick starts: throws once after `arm`. */
  spring(): void {
    if (!this.armed) return;
    this.armed = false;
    throw new Error('A test hook threw inside a training tick');
  }
}
