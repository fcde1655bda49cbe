import { z } from '../../config/zod';
import { DatasetRef } from '../../config/dataset';
import { int, num } from '../../config/fields';
import { TextTask } from '../text/schema';
import { MAX_SYMBOLS } from './vocabulary';
import { MIN_TEXT_CHARACTERS } from './decode';

/**
 * Character-level language modelling on the user's own text file: a small transformer teacher
 * is trained on it here, then distilled with the language task's objectives and batches
 * (token-level KD, sequence-level KD, on-policy). `vocab` and `characters` are what the file
 * decides, filled in by the engine's inspect, so a link carries them and the pure part can size
 * the models without reading the file.
 */
export const TextfileTask = z.object({
  kind: z.literal('textfile'),
  dataset: DatasetRef,
  ...TextTask.pick({
    context: true,
    onPolicy: true,
    sequenceKd: true,
    samplingTemperature: true,
    sampleEvery: true,
    prompt: true,
    evalWindows: true,
  }).shape,
  /** The held-out tail of the text (a contiguous tail: random windows would overlap training). */
  testFraction: num('Held-out fraction', 0.05, 0.5),
  /** The file's symbols in id order (filled in by inspect). */
  vocab: z.string({ error: 'The vocabulary is text' }).refine((v) => {
    const symbols = Array.from(v);
    return symbols.length >= 2 && symbols.length <= MAX_SYMBOLS && new Set(symbols).size === symbols.length;
  }, `The vocabulary has 2 to ${MAX_SYMBOLS} different symbols`),
  /** Characters of the file (filled in by inspect). */
  characters: int('Characters', MIN_TEXT_CHARACTERS, 10_000_000),
});
export type TextfileTask = z.infer<typeof TextfileTask>;
