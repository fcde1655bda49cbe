/** The decision-boundary grid the boundary views paint: pure, so the UI and the engine agree on it. */

/** Cells per side of the decision-boundary heatmap. */
export const GRID_SIZE = 64;

/** Cell centres of a size×size grid over [-extent, extent]², top row first (y decreasing). */
export function gridPoints(size: number, extent: number): Float32Array {
  const pts = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const i = r * size + c;
      pts[2 * i] = -extent + ((c + 0.5) * 2 * extent) / size;
      pts[2 * i + 1] = extent - ((r + 0.5) * 2 * extent) / size;
    }
  }
  return pts;
}
