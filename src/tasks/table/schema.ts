import { z } from '../../config/zod';
import { DatasetRef } from '../../config/dataset';
import { int, num, oneOf } from '../../config/fields';
import { MAX_CLASS_NAME, MAX_TABLE_CLASSES, MAX_TABLE_FEATURES } from './limits';

export const MISSING_MODES = ['drop', 'impute'] as const;

/**
 * The user's own CSV or TSV table, named by its DatasetRef. The user picks the label column
 * and what happens to rows with missing values; `features`, `classes` and `classNames` are
 * what reading the file found (TaskEngine.inspect fills them in), so the task's shapes are
 * known from the config alone.
 */
export const TableTask = z.object({
  kind: z.literal('table'),
  dataset: DatasetRef,
  labelColumn: z
    .string({ error: 'The label column is a column name' })
    .min(1, 'Choose a label column')
    .max(200, 'A column name has at most 200 characters'),
  missing: oneOf('Missing values', MISSING_MODES),
  testFraction: num('Test fraction', 0.1, 0.5),
  features: int('Features', 1, MAX_TABLE_FEATURES),
  classes: int('Classes', 2, MAX_TABLE_CLASSES),
  classNames: z
    .array(z.string().max(MAX_CLASS_NAME, `A class name has at most ${MAX_CLASS_NAME} characters`))
    .max(MAX_TABLE_CLASSES, `At most ${MAX_TABLE_CLASSES} class names`),
});
export type TableTask = z.infer<typeof TableTask>;
