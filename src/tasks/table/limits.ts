/** What the table reader takes (the foundation checks the 50 MB byte limit, config/dataset.ts). */

/** Data rows, the header not counted. */
export const MAX_TABLE_ROWS = 200_000;
/** Features after one-hot encoding. */
export const MAX_TABLE_FEATURES = 1024;
/** Classes of the label column. */
export const MAX_TABLE_CLASSES = 100;
/** A text column with at most this many distinct values is one-hot encoded; one with more is dropped. */
export const MAX_CATEGORIES = 20;
/** Rows a table needs after dropping incomplete ones: enough for a training and a test part. */
export const MIN_TABLE_ROWS = 10;
/** A class name is kept in the config to this many characters (a link carries them). */
export const MAX_CLASS_NAME = 60;
/** Rows the Data section's preview shows. */
export const PREVIEW_ROWS = 8;
