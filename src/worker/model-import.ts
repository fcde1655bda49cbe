/**
 * Importing a tfjs layers model for the current task: validated and kept by the engine
 * (engine/imported.ts), and an imported teacher measured on the task's test set before anyone
 * distils from it. Failures are answers, never exceptions: the import dialog shows them.
 */
import type { ExperimentConfig } from '../config/schema';
import { classCount, inputShapeOf } from '../config/derived';
import type { Assets } from '../engine/assets';
import { loadImported, measureAccuracy, registerImported } from '../engine/imported';
import { loadTask } from '../tasks/engine';
import { forTask } from '../tasks/registry';
import { errorText } from './error-reason';
import type { ImportRequest, ImportResult } from './protocol';

export interface ImportContext {
  /** Whether a backend has been chosen already. */
  hasBackend(): boolean;
  ensureBackend(cfg: ExperimentConfig): Promise<void>;
  /** The app's files (data sets), where they are reachable. */
  assets(): Assets | undefined;
}

export async function importModel(request: ImportRequest, ctx: ImportContext): Promise<ImportResult> {
  const { config } = request;
  const inputShape = inputShapeOf(config);
  const classes = classCount(config);
  const refusal = forTask(config.task).importRefusal;
  if (refusal) return { ok: false, error: refusal };
  try {
    // A model can be imported before anything has run: tfjs needs a backend to build it on.
    if (!ctx.hasBackend()) await ctx.ensureBackend(config);
    const info = await registerImported(
      request.name,
      { modelJson: request.modelJson, weights: request.weights },
      { inputShape, classes },
    );
    if (request.role !== 'teacher' || request.quiet) return { ok: true, ...info };
    // An imported teacher is measured on this task before anyone distils from it.
    const data = await loadTask(config.task, config.seed, ctx.assets());
    const model = await loadImported({ kind: 'imported', ...info }, inputShape, classes, false);
    try {
      return { ok: true, ...info, accuracy: await measureAccuracy(model, data.testX, data.testY) };
    } finally {
      model.dispose();
      data.dispose();
    }
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
}
