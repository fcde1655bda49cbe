/** Confusion matrices of teacher and student side by side, and agreement per class. */
import { useMemo } from 'react';
import { confusion, perClassAgreement } from '../../../lib/classification';
import { percent } from '../../format';
import type { HeldOutLogits } from './types';

function Matrix({
  title,
  counts,
  names,
  shortName,
}: {
  title: string;
  counts: number[][];
  names?: string[];
  shortName(c: number): string;
}) {
  const max = Math.max(1, ...counts.flat());
  return (
    <table className="confusion" aria-label={`${title} confusion matrix`}>
      <caption>{title}: rows true, columns predicted</caption>
      <thead>
        <tr>
          <th />
          {counts.map((_, c) => (
            <th key={c} scope="col" title={names?.[c]}>
              {shortName(c).slice(0, 3)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {counts.map((row, t) => (
          <tr key={t}>
            <th scope="row">{shortName(t)}</th>
            {row.map((v, p) => (
              <td
                key={p}
                title={`true ${names?.[t]}, predicted ${names?.[p]}: ${v}`}
                style={{
                  background: `rgba(${t === p ? '79,70,229' : '225,29,72'}, ${(v / max) ** 0.6})`,
                  color: v / max > 0.45 ? '#fff' : undefined,
                }}
              >
                {v || ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ConfusionView({ labels, teacher, student, classes, names, shortName }: HeldOutLogits) {
  const summary = useMemo(() => {
    if (!labels || !teacher || !student) return null;
    return {
      teacher: confusion(teacher, labels, classes),
      student: confusion(student, labels, classes),
      agreement: perClassAgreement(teacher, student, labels, classes),
    };
  }, [labels, teacher, student, classes]);
  if (!summary) return null;
  return (
    <section className="card confusion-view" aria-label="Confusion matrices">
      <div className="confusion-pair">
        <Matrix title="Teacher" counts={summary.teacher} names={names} shortName={shortName} />
        <Matrix title="Student" counts={summary.student} names={names} shortName={shortName} />
      </div>
      <table className="per-class" aria-label="Agreement per class">
        <caption>Teacher–student agreement per true class</caption>
        <tbody>
          <tr>
            {summary.agreement.map((a, c) => (
              <td key={c}>
                <span className="per-class-name">{shortName(c)}</span>
                <span className="per-class-value">{percent(a, 0)}</span>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </section>
  );
}
