/**
 * The image KD step with the teacher's outputs cached (one lookup per row) against running
 * the CNN teacher on every batch: the price of the teacher pass a cache saves.
 */
import { IMAGE_CONFIG, type ImageExperiment } from '../src/tasks/images/defaults';
import type { Assets } from '../src/engine/assets';
import { Session } from '../src/engine/session';
import type { BenchCase } from './harness';

export const imageBenchConfig = (teacherCache: boolean): ImageExperiment => ({
  ...IMAGE_CONFIG,
  task: { ...IMAGE_CONFIG.task, trainImages: 2000, testImages: 200 },
  train: { ...IMAGE_CONFIG.train, batchSize: 64, evalEvery: 1000, steps: 1_000_000, teacherCache },
});

export async function imageCase(teacherCache: boolean, assets: Assets, tick: number): Promise<BenchCase> {
  const s = await Session.create(imageBenchConfig(teacherCache), { assets });
  return {
    async run() {
      for (let i = 0; i < tick; i++) s.trainStep();
      await s.flush();
      return tick;
    },
    dispose: () => s.dispose(),
  };
}
