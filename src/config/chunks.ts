/**
 * How many examples the engine runs through a model at once. The engine batches by these, and
 * the memory estimate (./estimate.ts) sizes its peaks by them, so the two cannot drift apart.
 */

/** Rows per forward pass when caching or evaluating: bounds the memory of conv activations. */
export const FORWARD_CHUNK = 500;

/** Text windows per forward pass (each is up to 64 token rows). */
export const TEXT_CHUNK = 64;

/**
 * Windows of a text pool per teacher pass while it is filled (engine/pool-build.ts): half an
 * evaluation chunk, so its progress moves and Cancel is heard about twice a second on WASM.
 */
export const POOL_CHUNK = 32;

/**
 * Steps of a teacher trained here between read-backs (and progress, and a chance to cancel):
 * the worker runs them without a break. A language task's steps are dear, so fewer.
 */
export const TEACHER_CHUNK = 50;
export const WINDOW_CHUNK = 10;

/** Rows of one step of a teacher trained here on a task with training rows (at most). */
export const TEACHER_BATCH = 128;

/**
 * Windows per step of a teacher trained here on text: fixed, so the students' batch size (a
 * live edit) never changes which teacher a config trains.
 */
export const TEACHER_WINDOWS = 32;
