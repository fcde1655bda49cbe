/**
 * The train / held-out split of a character corpus. A contiguous tail, not random windows:
 * random windows of a novel would overlap training text, and held-out perplexity would then
 * measure memorisation.
 */
export const HELD_OUT_FRACTION = 0.1;

/** Index of the first held-out character. */
export function heldOutStart(characters: number, fraction: number = HELD_OUT_FRACTION): number {
  return Math.floor(characters * (1 - fraction));
}
