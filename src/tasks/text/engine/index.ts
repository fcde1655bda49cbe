/** The language task's engine part: the shipped corpus as character ids on the device. */
import type { TaskData } from '../../../engine/task-data';
import { requireAssets, type TaskEngine } from '../../engine-types';
import { textPreview } from '../preview';
import type { TextTask } from '../schema';
import { createVocab } from '../vocab';
import { textQueries } from './queries';
import { loadText } from './load';

/** Characters of held-out text the next-token view offers. */
export const PASSAGE_LENGTH = 600;

export const textEngine: TaskEngine<TextTask> = {
  queries: textQueries,
  load: (task, _seed, assets, onData) => loadText(task, requireAssets(assets), onData),
  loadedPreview: (data, config) => ({
    data: { ...textPreview(config.task as TextTask), passage: heldOutPassage(data), pool: data.host.text?.pool },
  }),
};

/** The start of the held-out text, for the next-token view. */
export function heldOutPassage(data: TaskData): string {
  const text = data.host.text!;
  return createVocab(text.vocab).decode(text.ids.subarray(text.trainEnd, text.trainEnd + PASSAGE_LENGTH));
}
