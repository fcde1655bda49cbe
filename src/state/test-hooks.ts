/**
 * TEST HOOKS ONLY. A browser test sets `window.__kdStudioTestHooks = true` before the app loads
 * (Playwright's addInitScript); only then does the page ask its worker for test hooks
 * (worker/test-hooks.ts: end the worker, make a step throw, lose the GPU device) and put
 * `kdStudio.debug` on the console handle. Nothing in the app sets the flag.
 */
export function testHooksWanted(): boolean {
  return typeof window !== 'undefined' && (window as { __kdStudioTestHooks?: unknown }).__kdStudioTestHooks === true;
}
