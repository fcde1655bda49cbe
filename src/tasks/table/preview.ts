import type { TableTask } from './schema';

/**
 * A table task's preview: its classes at once (the config knows them), the test set once a
 * session has read the file (TaskEngine.loadedPreview): with exactly two features the points
 * for the boundary maps, else their projection on the first two principal components.
 */
export interface TablePreview {
  kind: 'table';
  classes: number;
  classNames: string[];
  testY?: Int32Array;
  /** Two features: the standardised test points, row-major [n, 2], in [-extent, extent]². */
  boundary?: { testX: Float32Array; extent: number; gridSize: number };
  /**
   * Any other number of features: the first `projection.points.length / 2` test rows on the
   * first two principal components (row-major [n, 2]), and the share of variance each explains.
   */
  projection?: { points: Float32Array; explained: [number, number] };
}

export const tablePreview = (task: TableTask): TablePreview => ({
  kind: 'table',
  classes: task.classes,
  classNames: [...task.classNames],
});
