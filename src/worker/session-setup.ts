/**
 * Building a session and announcing it: the statuses while the backend, data and teacher get
 * ready, then what the views need to know once (the `session` event, and the `data` a loaded
 * session adds, as its task's engine part says). What the views show before anything is built
 * (`previewOf`, the task's preview) is sent from here too, so every `data` event comes from one place.
 */
import type { ChangeKind } from '../config/changes';
import { laneTopKFits, type ExperimentConfig } from '../config/schema';
import type { Assets } from '../engine/assets';
import { Session } from '../engine/session';
import { TeacherCancelled } from '../engine/teacher';
import { TrialCancelled } from '../engine/backend-trial';
import { errorReason } from './error-reason';
import { engineFor } from '../tasks/engine';
import { forTask, taskDef } from '../tasks/registry';
import { runLayout } from './layout';
import { tailMassCurve } from '../lib/top-k';
import type { DataPreview, Emit, Phase } from './protocol';

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
  /** What the build is for (a Play, a Step): an edit that interrupts it goes on with the same. */
  intent?: 'play' | 'step';
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

/** What a build is doing, as far as a Cancel would say: Auto's trial, or a progress phase. */
type Job = { job: 'trial' | Phase; done?: number; total?: number };

/**
 * One build at a time, and the Cancel of a backend trial or a teacher still getting ready for
 * it (asked outside the serial queue, which the build holds, and checked between the trial's
 * steps and between chunks of teacher steps or pool windows). A Cancel by the person ends with a
 * message saying what stopped, where, and how long stopping took; one by an edit (another
 * teacher, other data) says nothing, since the controller builds the edited experiment at once.
 */
export class SessionBuilds {
  private building = false;
  private cancelRequested: { by: 'person' | 'edit'; at: number } | null = null;
  private job: Job | undefined;
  /** What the build under way was started for. */
  private intent: 'play' | 'step' | undefined;

  /**
   * An edit arrived (`change`, from the experiment being built): one that needs another build
   * (another teacher, other data) stops this one, which would otherwise finish first and be
   * thrown away. Returns what the build was for (Play or Step) when the edit interrupts one, so
   * the controller goes on with the edited experiment instead of leaving the edit unheeded.
   */
  interrupt(change: ChangeKind): 'play' | 'step' | undefined {
    if (!this.building || change === 'none' || change === 'live') return undefined;
    if (change === 'rebuild') this.cancel('edit');
    return this.intent;
  }

  private requested(): { by: 'person' | 'edit'; at: number } | null {
    return this.cancelRequested;
  }

  /** Stops the build under way, if any: it ends with nothing built, as before Play. */
  cancel(by: 'person' | 'edit' = 'person'): void {
    if (this.building && !this.cancelRequested) this.cancelRequested = { by, at: performance.now() };
  }

  /** Builds `cfg` and says how it went; undefined when cancelled, stale or failed (the status says which). */
  async build(cfg: ExperimentConfig, ctx: Omit<SetupContext, 'cancelled'>): Promise<Session | undefined> {
    this.building = true;
    this.intent = ctx.intent;
    this.cancelRequested = null;
    this.job = undefined;
    // Watches what the build says, so a Cancel can say where it stopped.
    const emit: Emit = (e, transfer) => {
      if (e.type === 'progress') this.job = { job: e.phase, done: e.done, total: e.total };
      else if (e.type === 'status' && e.reason?.code === 'choosing-backend') this.job = { job: 'trial' };
      ctx.emit(e, transfer);
    };
    try {
      return await buildSession(cfg, { ...ctx, emit, cancelled: () => this.cancelRequested !== null });
    } catch (e) {
      if (e instanceof TeacherCancelled || e instanceof TrialCancelled) {
        // Read through a method: TypeScript takes the field for the null it was set to above.
        const asked = this.requested();
        const job: Job = this.job ?? { job: e instanceof TrialCancelled ? 'trial' : 'teacher' };
        ctx.emit({
          type: 'status',
          status: 'idle',
          ...(asked?.by !== 'edit' && {
            reason: { code: 'cancelled', ...job, ...(asked && { stopMs: Math.round(performance.now() - asked.at) }) },
          }),
        });
      } else ctx.emit({ type: 'status', status: 'error', reason: errorReason(e) });
      return undefined;
    } finally {
      this.building = false;
      this.cancelRequested = null;
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
      // Language tasks keep their top k in a teacher-output pool, which measures its own mass.
      ...(laneTopKFits(session.config.task) && {
        teacherTailMass: tailMassCurve(session.teacher.testLogitsHost, session.data.classes),
      }),
      ...(session.teacher.goldenDistance !== undefined && { teacherGolden: session.teacher.goldenDistance }),
      ...(session.teacher.memberAccuracy && {
        teacherMembers: [...session.teacher.memberAccuracy].map((accuracy, i) => ({
          accuracy,
          agreement: session.teacher.memberAgreement?.[i] ?? NaN,
        })),
        teacherMap: session.teacher.memberMap,
      }),
      ...runLayout(session),
    },
  });
  // What the task loaded for its views (test images, a held-out passage), sent once.
  const loaded = engineFor(session.config.task).loadedPreview?.(session.data, session.config);
  if (loaded) emit({ type: 'data', data: loaded.data, loaded: true }, loaded.transfer);
}
