/** The table task's engine part: reading the user's file (inspect), its tensors (load), the test set for the views. */
import type { TaskEngine } from '../../engine-types';
import { readTable } from '../read';
import type { TableTask } from '../schema';
import { loadTable } from './load';
import { projectTest } from './projection';

export const tableEngine: TaskEngine<TableTask> = {
  load: loadTable,
  async inspect(task, bytes) {
    const read = readTable(bytes, { name: task.dataset.name, labelColumn: task.labelColumn, missing: task.missing });
    return {
      task: {
        ...task,
        labelColumn: read.labelColumn,
        features: read.features,
        classes: read.classNames.length,
        classNames: read.classNames,
      },
      summary: read.summary,
    };
  },
  // The views' test points, once per session: the points themselves for two features, else their projection.
  loadedPreview(data) {
    const testX = data.host.testX!;
    const testY = data.host.testY.slice();
    const f = data.inputShape[0]!;
    const base = { kind: 'table' as const, classes: data.classes, classNames: data.host.classNames ?? [], testY };
    if (data.grid) {
      const points = testX.slice();
      return {
        data: { ...base, boundary: { testX: points, extent: data.grid.extent, gridSize: data.grid.size } },
        transfer: [points.buffer, testY.buffer],
      };
    }
    const projection = projectTest(testX, testY.length, f);
    return { data: { ...base, projection }, transfer: [projection.points.buffer, testY.buffer] };
  },
};
