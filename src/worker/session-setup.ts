/**
 * Building a session and announcing it: the statuses while the backend, data and teacher get
 * ready, then what the views need to know once (the `session` event, and the `data` a loaded
 * session adds, as its task's engine part says). What the views show before anything is built
 * (`previewOf`, the task's preview) is sent from here too, so every `data` event comes from one place.
 */
import type { ExperimentConfig } from '../config/schema';
import type { Assets } from '../engine/assets';
import { Session } from '../engine/session';
import { TeacherCancelled } from '../engine/teacher';
import { TrialCancelled } from '../engine/backend-trial';
import { errorReason } from './error-reason';
import { engineFor } from '../tasks/engine';
import { forTask, taskDef } from '../tasks/registry';
import { runLayout } from './layout';
import type { DataPreview, Emit } from './protocol';

/** What the views can show before anything is built: the task's preview. */
export function previewOf(cfg: ExperimentConfig): DataPreview {
  return forTask(cfg.task).preview(cfg.task, cfg.seed);
}

export interface SetupContext {
  emit: Emit;
  assets?: Assets;
  /** Chooses (and announces) the backend for the config; `cancelled` ends Auto's trial. */
  ensureBackend(cfg: ExperimentConfig, cancelled?: () => boolean): Promise<void>;
  /** False once the config has changed since the build started. */
  isCurrent(cfg: ExperimentConfig): boolean;
  /** True once the user cancelled the teacher's training. */
  cancelled?(): boolean;
  /** A teacher trained here before (a run going on elsewhere): taken instead of training one. */
  teacherWeights?: Float32Array;
}

/**
 * Builds backend, data, teacher and students for `cfg` and announces the session; undefined
 * when the config changed while the teacher got ready (that session was stale and is gone).
 * Throws what the build throws: the caller reports it.
 */
export async function buildSession(cfg: ExperimentConfig, ctx: SetupContext): Promise<Session | undefined> {
  const { emit } = ctx;
  emit({ type: 'status', status: 'preparing', reason: { code: 'choosing-backend' } });
  await ctx.ensureBackend(cfg, ctx.cancelled);
  emit({
    type: 'status',
    status: 'teacher',
    reason: { code: 'preparing-teacher' },
  });
  const session = await Session.create(cfg, {
    assets: ctx.assets,
    onProgress: (p) => emit({ type: 'progress', ...p }),
    cancelled: ctx.cancelled,
    teacherWeights: ctx.teacherWeights,
  });
  if (!ctx.isCurrent(cfg)) {
    // The config changed while the teacher trained: this session is stale.
    session.dispose();
    return undefined;
  }
  announce(session, emit);
  return session;
}

/**
 * One build at a time, and the user's Cancel of a backend trial or a teacher still training for
 * it (asked outside the serial queue, which the build holds, and checked between the trial's
 * steps and between chunks of teacher steps).
 */
export class SessionBuilds {
  private building = false;
  private cancelRequested = false;

  /** Stops the build under way, if any: it ends with nothing built, as before Play. */
  cancel(): void {
    if (this.building) this.cancelRequested = true;
  }

  /** Builds `cfg` and says how it went; undefined when cancelled, stale or failed (the status says which). */
  async build(cfg: ExperimentConfig, ctx: Omit<SetupContext, 'cancelled'>): Promise<Session | undefined> {
    this.building = true;
    this.cancelRequested = false;
    try {
      return await buildSession(cfg, { ...ctx, cancelled: () => this.cancelRequested });
    } catch (e) {
      if (e instanceof TeacherCancelled || e instanceof TrialCancelled) ctx.emit({ type: 'status', status: 'idle' });
      else ctx.emit({ type: 'status', status: 'error', reason: errorReason(e) });
      return undefined;
    } finally {
      this.building = false;
    }
  }
}

/** The `session` event, and the data only a loaded session has. */
function announce(session: Session, emit: Emit): void {
  emit({
    type: 'session',
    info: {
      classes: session.data.classes,
      teacher: {
        params: session.teacher.model.paramCount,
        weightsHash: session.teacher.weightsHash,
        meta: session.teacher.info?.meta,
      },
      teacherMetrics: Object.fromEntries(
        taskDef(session.data.kind).teacherMetrics.map((m, i) => [m.id, session.teacherMetrics[i]!]),
      ),
      ...runLayout(session),
    },
  });
  // What the task loaded for its views (test images, a held-out passage), sent once.
  const loaded = engineFor(session.config.task).loadedPreview?.(session.data, session.config);
  if (loaded) emit({ type: 'data', data: loaded.data, loaded: true }, loaded.transfer);
}
