/** How big an imported model may be: checked from its declarations before anything is allocated. */

export interface ImportLimits {
  /** Largest model.json and largest total of weight bytes. */
  maxBytes: number;
  /** Most weights (elements of all weight tensors) the manifest may declare. */
  maxParams: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxBytes: 50 * 1024 * 1024, maxParams: 20_000_000 };
