/**
 * What the two teacher-hacking scripts (the oracle task's, scripts/oracle/teacher-hacking.ts, and
 * the text task's, scripts/text/teacher-hacking.ts) share: training a session to its budget while
 * collecting every evaluation, and printing each lane's proxy and golden distances at chosen steps
 * with their fitted slopes and where the golden distance turned up.
 */
import type { Session } from '../../src/engine/session';
import { laneColumn } from '../../src/lib/columns';
import { Series } from '../../src/state/series';
import type { HackingLane } from '../../src/tasks/oracle/hacking';

const f = (v: number | undefined) => (v === undefined ? '—' : v.toPrecision(3));

/** Trains `s` for `steps` steps, `chunk` at a time, and returns every lane's evaluations. */
export async function trainCollecting(s: Session, lanes: number, steps: number, chunk: number): Promise<Series> {
  const ids = s.evalColumns.map((c) => c.id);
  const series = new Series(Array.from({ length: lanes }, (_, l) => ids.map((id) => laneColumn(l, id))).flat());
  const take = async () => (await s.flush()).evals.forEach((e) => series.push(e.step, e.values));
  await take();
  while (s.step < steps) {
    for (let i = 0; i < chunk && s.step < steps; i++) s.trainStep();
    await take();
  }
  return series;
}

/** Each lane's distances at the steps of `show`, their fitted slopes, and the turn-up if any. */
export function printHackingLanes(lanes: HackingLane[], show: number[]): void {
  for (const [l, h] of lanes.entries()) {
    const at = (xs: number[], step: number) => xs[h.steps.indexOf(step)];
    console.log(`  lane ${l + 1} (${h.data}) at steps ${show.join(' ')}`);
    console.log(
      `    proxy  ${show.map((x) => f(at(h.proxy, x))).join(' ')}   fitted slope ${h.proxyFit?.slope.toFixed(2)}`,
    );
    console.log(
      `    golden ${show.map((x) => f(at(h.golden, x))).join(' ')}   fitted slope ${h.goldenFit?.slope.toFixed(2)}`,
    );
    const t = h.turned;
    console.log(
      t
        ? `    golden turned up: ${f(t.min)} at step ${t.step}, ${f(t.peak)} at step ${t.peakStep} (+${(t.rise * 100).toFixed(0)}%), proxy ${f(h.proxyAtTurn)} → ${f(h.proxyAtPeak)}; last ${f(t.latest)}`
        : '    golden did not turn up',
    );
  }
}
