/**
 * Building a session and announcing it: the statuses while the backend, data and teacher get
 * ready, then what the views need to know once (the `session` event, and the `data` a loaded
 * session adds: the held-out passage, the test images). What the views show before anything
 * is built (`previewOf`) lives here too, so every `data` event comes from one place.
 */
import type { ExperimentConfig } from '../config/schema';
import type { Assets } from '../engine/assets';
import { Session } from '../engine/session';
import { GRID_SIZE } from '../engine/tasks/toy2d';
import { teacherMetrics } from '../metrics';
import { FASHION_CLASSES } from '../tasks/images/fashion';
import { TEXT_VOCAB } from '../tasks/text/normalise';
import { studentVocab } from '../tasks/text/student-vocab';
import { createVocab } from '../tasks/text/vocab';
import { TOY_EXTENT, generateToy, splitToy } from '../tasks/toy2d/datasets';
import type { DataPreview, Emit } from './protocol';

/** Characters of held-out text the next-token view offers. */
export const PASSAGE_LENGTH = 600;

/** What the views can show before anything is built: the toy points, or the class names. */
export function previewOf(cfg: ExperimentConfig): DataPreview {
  if (cfg.task.kind === 'images') return { kind: 'images', classes: 10, classNames: [...FASHION_CLASSES] };
  if (cfg.task.kind === 'text') {
    const own = studentVocab(cfg.task.studentVocab);
    return {
      kind: 'text',
      classes: TEXT_VOCAB.length,
      vocab: TEXT_VOCAB,
      ...(own && { student: { vocab: own.chars, map: Array.from(own.map) } }),
    };
  }
  const { train, test } = splitToy(generateToy(cfg.task, cfg.seed), cfg.task.testFraction);
  return {
    kind: 'toy2d',
    classes: train.classes,
    trainX: train.x,
    trainY: train.y,
    testX: test.x,
    testY: test.y,
    extent: TOY_EXTENT,
    gridSize: GRID_SIZE,
  };
}

export interface SetupContext {
  emit: Emit;
  assets?: Assets;
  /** Chooses (and announces) the backend for the config. */
  ensureBackend(cfg: ExperimentConfig): Promise<void>;
  /** False once the config has changed since the build started. */
  isCurrent(cfg: ExperimentConfig): boolean;
}

/**
 * Builds backend, data, teacher and students for `cfg` and announces the session; undefined
 * when the config changed while the teacher got ready (that session was stale and is gone).
 * Throws what the build throws: the caller reports it.
 */
export async function buildSession(cfg: ExperimentConfig, ctx: SetupContext): Promise<Session | undefined> {
  const { emit } = ctx;
  emit({ type: 'status', status: 'preparing', reason: { code: 'choosing-backend' } });
  await ctx.ensureBackend(cfg);
  emit({
    type: 'status',
    status: 'teacher',
    reason: cfg.task.kind === 'images' ? { code: 'loading-teacher' } : { code: 'training-teacher' },
  });
  const session = await Session.create(cfg, {
    assets: ctx.assets,
    onProgress: (p) => emit({ type: 'progress', ...p }),
  });
  if (!ctx.isCurrent(cfg)) {
    // The config changed while the teacher trained: this session is stale.
    session.dispose();
    return undefined;
  }
  announce(session, emit);
  return session;
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
      studentParams: session.lanes[0]!.student.paramCount,
      teacherMetrics: Object.fromEntries(
        teacherMetrics(session.data.kind).map((m, i) => [m.id, session.teacherMetrics[i]!]),
      ),
      lossColumns: session.lossColumns,
      evalColumns: session.evalColumns,
      lanes: session.lanes.length,
    },
  });
  const { host } = session.data;
  if (host.text) {
    const { ids, trainEnd } = host.text;
    const passage = createVocab(host.text.vocab).decode(ids.subarray(trainEnd, trainEnd + PASSAGE_LENGTH));
    emit({ type: 'data', data: { ...previewOf(session.config), passage } as DataPreview });
  }
  if (host.testImages) {
    // The gallery's images, once: they never change during a session.
    const images = host.testImages.slice();
    const labels = host.testY.slice();
    emit(
      {
        type: 'data',
        data: {
          kind: 'images',
          classes: session.data.classes,
          classNames: host.classNames ?? [],
          testImages: images,
          testY: labels,
        },
      },
      [images.buffer, labels.buffer],
    );
  }
}
