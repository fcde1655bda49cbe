/**
 * A race of N students against one teacher, in one session (one teacher lookup, one tape per
 * step), against N separate single-student sessions stepped one after another. Both sides do
 * the same student work; the race shares everything else. With the teacher cache on, that is
 * little (a batch gather); with `teacherCache: false` it includes the teacher's forward pass.
 */
import { laneFor } from '../src/config/defaults';
import type { ExperimentConfig } from '../src/config/schema';
import { Session } from '../src/engine/session';
import type { BenchCase } from './harness';

const withLanes = (cfg: ExperimentConfig, n: number): ExperimentConfig => ({
  ...cfg,
  lanes: Array.from({ length: n }, () => laneFor('hinton')),
});

/** One session with `n` lanes; units are lane-steps (n per step). */
export async function raceCase(cfg: ExperimentConfig, n: number, tick: number): Promise<BenchCase> {
  const s = await Session.create(withLanes(cfg, n));
  return {
    async run() {
      for (let i = 0; i < tick; i++) s.trainStep();
      await s.flush();
      return tick * n;
    },
    dispose: () => s.dispose(),
  };
}

/** `n` single-lane sessions, each taking `tick` steps in turn; units are lane-steps. */
export async function separateCase(cfg: ExperimentConfig, n: number, tick: number): Promise<BenchCase> {
  const sessions = await Promise.all(Array.from({ length: n }, () => Session.create(withLanes(cfg, 1))));
  return {
    async run() {
      for (const s of sessions) {
        for (let i = 0; i < tick; i++) s.trainStep();
        await s.flush();
      }
      return tick * n;
    },
    dispose: () => sessions.forEach((s) => s.dispose()),
  };
}
