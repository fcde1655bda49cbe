/** "Does KD beat labels only, here?": both lanes' mean ± 95% interval over the seeds, the verdict word, and the test that decided it. */
import { laneNames } from '../../sweeps/table';
import type { SweepResult } from '../../sweeps/types';
import { verdict, VERDICT_TEST } from '../../sweeps/verdict';
import { percent } from '../format';
import { signed } from '../../lib/signed';

export function VerdictPanel({ result }: { result: SweepResult }) {
  const { kdLane, baselineLane } = result.spec.verdict!;
  const runs = result.points[0]?.runs ?? [];
  const acc = (lane: number) => runs.map((r) => r.lanes[lane]?.studentAccuracy ?? NaN).filter(Number.isFinite);
  const kd = acc(kdLane);
  const base = acc(baselineLane);
  const names = laneNames(result);
  if (kd.length < 2 || base.length < 2)
    return (
      <p className="verdict verdict-waiting" role="status">
        The verdict needs at least two seeds of each; {kd.length} so far.
      </p>
    );
  const v = verdict(kd, base);
  const row = (name: string, s: typeof v.kd) => (
    <tr>
      <th scope="row">{name}</th>
      <td>{percent(s.mean, 1)}</td>
      <td>± {percent(s.ci95, 1)}</td>
      <td>{s.n}</td>
    </tr>
  );
  return (
    <section className="verdict" aria-label="Verdict">
      <p className={`verdict-word verdict-${v.word.replace(' ', '-').toLowerCase()}`} data-verdict={v.word}>
        {v.word}
      </p>
      <p className="verdict-sentence">{v.sentence}</p>
      <table className="sweep-table">
        <thead>
          <tr>
            <th scope="col">Final test accuracy</th>
            <th scope="col">Mean</th>
            <th scope="col">95% interval</th>
            <th scope="col">Seeds</th>
          </tr>
        </thead>
        <tbody>
          {row(names[kdLane] ?? 'KD', v.kd)}
          {row(names[baselineLane] ?? 'Labels only', v.baseline)}
        </tbody>
      </table>
      <p className="verdict-test">
        {VERDICT_TEST}
        {result.complete ? '' : ' (on the seeds that finished)'}: t = {signed(v.test.t, 2)}, df = {v.test.df.toFixed(1)}
        , p = {v.test.p < 0.001 ? '< 0.001' : v.test.p.toFixed(3)}. Same budget ({result.spec.steps} steps), seeds{' '}
        {result.spec.seeds.join(', ')}, {result.backend || 'backend'}.
      </p>
    </section>
  );
}
