/**
 * An error that stopped the run, as the status reason the UI words (ui/status-text.ts): a
 * kernel the backend lacks is named as such, so tfjs's own text ("Kernel 'X' not registered
 * for backend 'y'") never reaches the user; anything else carries its message.
 */
import { missingKernel } from '../engine/missing-kernel';
import type { StatusReason } from './protocol';

export function errorReason(e: unknown): StatusReason {
  const missing = missingKernel(e);
  return missing
    ? { code: 'missing-kernel', ...missing }
    : { code: 'error', detail: e instanceof Error ? e.message : String(e) };
}

/** The same, as one sentence for answers that are text (an import's result). */
export function errorText(e: unknown): string {
  const missing = missingKernel(e);
  return missing
    ? `The ${missing.backend} backend cannot run this model: it has no ${missing.kernel} operation. ` +
        'Choose another backend, then import it again.'
    : (e as Error).message;
}

/**
 * Why a training tick stopped the run: a missing kernel by name; anything else as the step it
 * stopped after (the worker logs the error itself: a library's text is not a sentence to show).
 */
export function tickFailure(e: unknown, step: number): StatusReason {
  const missing = missingKernel(e);
  return missing ? { code: 'missing-kernel', ...missing } : { code: 'tick-failed', step };
}
