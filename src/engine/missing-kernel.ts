/**
 * tfjs's "Kernel 'X' not registered for backend 'y'": an operation the active backend does not
 * implement (WASM has no Conv2DBackpropFilter, for one). Recognised here, once, so that the
 * backend trial can say which backend cannot run what, and the worker can turn it into a
 * sentence instead of showing tfjs's text.
 */

export interface MissingKernel {
  kernel: string;
  backend: string;
}

const PATTERN = /Kernel '([\w-]+)' not registered for backend '([\w-]+)'/;

/** The kernel and backend named by a missing-kernel error, or null for any other error. */
export function missingKernel(e: unknown): MissingKernel | null {
  const m = PATTERN.exec(e instanceof Error ? e.message : String(e));
  return m ? { kernel: m[1]!, backend: m[2]! } : null;
}
