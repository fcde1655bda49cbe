/**
 * The text file task's engine part: the user's file read and checked (inspect), then as
 * character ids on the device, served by the language task's step source and queries.
 */
import { openDataset } from '../../../data/open';
import { DataFileError } from '../../../data/open';
import type { TaskEngine } from '../../engine-types';
import { heldOutPassage } from '../../text/engine';
import { languageData } from '../../text/engine/load';
import { textQueries } from '../../text/engine/queries';
import { decodeTextFile } from '../decode';
import { textfilePreview } from '../preview';
import type { TextfileTask } from '../schema';
import { buildVocabulary, encodeText, mergedNotice } from '../vocabulary';

export const textfileEngine: TaskEngine<TextfileTask> = {
  queries: textQueries,
  async inspect(task, bytes) {
    const text = decodeTextFile(bytes, `“${task.dataset.name}”`);
    const built = buildVocabulary(text);
    const notice = mergedNotice(built);
    const symbols = Array.from(built.vocab).length;
    return {
      task: { ...task, vocab: built.vocab, characters: built.characters },
      summary: {
        examples: built.characters,
        classNames: [],
        notices: [
          `${built.characters.toLocaleString('en-US')} characters, ${symbols} symbols; the last ${Math.round(task.testFraction * 100)}% is held out.`,
          ...(notice ? [notice] : []),
        ],
      },
    };
  },
  async load(task, _seed, assets) {
    const text = decodeTextFile(await openDataset(task.dataset, assets), `“${task.dataset.name}”`);
    // The config's vocabulary came from this file: a file that gives another (an edited link)
    // would give the ids another meaning.
    const built = buildVocabulary(text);
    if (built.vocab !== task.vocab || built.characters !== task.characters)
      throw new DataFileError(
        `“${task.dataset.name}” does not match this experiment’s vocabulary: choose the file again in the Data section.`,
      );
    return languageData('textfile', task, encodeText(text, task.vocab), task.vocab, { heldOut: task.testFraction });
  },
  loadedPreview: (data, config) => ({
    data: { ...textfilePreview(config.task as TextfileTask), passage: heldOutPassage(data) },
  }),
};
