/** The results table: per point and lane, the mean, standard deviation and 95% interval of one metric over the seeds. */
import type { MetricColumn, PointSummary } from '../../sweeps/table';
import type { SweepAxis } from '../../sweeps/types';
import { fixed, percent } from '../format';

export const metricText = (m: MetricColumn, v: number) =>
  Number.isFinite(v) ? (m.percent ? percent(v, 1) : fixed(v, 3)) : '—';

export function SweepTable(props: { axes: SweepAxis[]; lanes: string[]; metric: MetricColumn; rows: PointSummary[] }) {
  const { axes, lanes, metric, rows } = props;
  return (
    <div className="sweep-table-wrap">
      <table className="sweep-table" aria-label={`Sweep results: ${metric.label}`}>
        <thead>
          <tr>
            {axes.map((a) => (
              <th key={a.path} scope="col">
                {a.label ?? a.path}
              </th>
            ))}
            {lanes.map((l) => (
              <th key={l} scope="col">
                {l}: mean ± sd (95% interval)
              </th>
            ))}
            <th scope="col">Seeds</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.values.map((v, j) => (
                <td key={j}>{String(v)}</td>
              ))}
              {r.lanes.map((s, j) => (
                <td key={j}>
                  {metricText(metric, s.mean)} ± {metricText(metric, s.sd)}
                  {Number.isFinite(s.ci95) ? ` (±${metricText(metric, s.ci95)})` : ''}
                </td>
              ))}
              <td>{r.lanes[0]?.n ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
