/**
 * The UI task registry: each task's UI part, by kind (the pure registry, ./registry.ts, lists
 * the kinds). Main thread only, like src/ui: no engine or worker code, no tfjs at run time.
 */
import { imagefolderUi } from './imagefolder/ui';
import { imagesUi } from './images/ui';
import { oracleUi } from './oracle/ui';
import type { AnyTask, TaskKind } from './registry';
import { tableUi } from './table/ui';
import { textUi } from './text/ui';
import { textfileUi } from './textfile/ui';
import { toy2dUi } from './toy2d/ui';
import type { TaskUi } from './ui-types';

const UIS: { [K in TaskKind]: TaskUi } = {
  toy2d: toy2dUi,
  images: imagesUi,
  text: textUi,
  table: tableUi,
  imagefolder: imagefolderUi,
  textfile: textfileUi,
  oracle: oracleUi,
};

/** The UI part of a task kind. */
export function taskUi(kind: TaskKind): TaskUi {
  const ui = UIS[kind] as TaskUi | undefined;
  if (!ui) throw new Error(`Unknown task kind “${String(kind)}”`);
  return ui;
}

/** The UI part of a config's task: `uiFor(cfg.task).Views`. */
export const uiFor = (task: AnyTask): TaskUi => taskUi(task.kind);
