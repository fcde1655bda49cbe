/** A kernel the backend lacks reaches the user as a sentence, never as tfjs's own text. */
import { describe, expect, it } from 'vitest';
import { errorReason, errorText } from './error-reason';

const TFJS = new Error("Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'");

describe('errors that stop a run', () => {
  it('name a missing kernel and its backend as data, and keep any other message', () => {
    expect(errorReason(TFJS)).toEqual({ code: 'missing-kernel', kernel: 'Conv2DBackpropFilter', backend: 'wasm' });
    expect(errorReason(new Error('The teacher’s loss diverged'))).toEqual({
      code: 'error',
      detail: 'The teacher’s loss diverged',
    });
  });

  it('word a missing kernel for an import, without tfjs’s text', () => {
    const text = errorText(TFJS);
    expect(text).toBe(
      'The wasm backend cannot run this model: it has no Conv2DBackpropFilter operation. ' +
        'Choose another backend, then import it again.',
    );
    expect(text).not.toContain('not registered');
  });
});
