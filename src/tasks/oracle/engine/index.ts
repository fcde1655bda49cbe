/** The oracle task's engine part: everything is drawn from the seed, no files needed. */
import type { TaskEngine } from '../../engine-types';
import type { OracleTask } from '../schema';
import { loadOracle } from './load';

export const oracleEngine: TaskEngine<OracleTask> = {
  load: async (task, seed) => loadOracle(task, seed),
};
