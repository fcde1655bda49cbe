/** Confusion matrices of teacher and student side by side, and agreement per class. */
import { useMemo } from 'react';
import { confusion, perClassAgreement } from '../../../lib/classification';
import { percent } from '../../format';
import { inkOn, overWhite } from '../../palette';
import type { HeldOutLogits } from './types';

const DIAGONAL = [79, 70, 229] as const; // indigo: agreement with the truth
const OFF_DIAGONAL = [225, 29, 72] as const; // rose: a confusion

/** A cell's fill grows with its share of the largest count; its number is white or black, whichever reads (4.5:1 or more). */
function cellStyle(diagonal: boolean, share: number) {
  const rgb = diagonal ? DIAGONAL : OFF_DIAGONAL;
  const alpha = share ** 0.6;
  return { background: `rgba(${rgb.join(',')}, ${alpha})`, color: inkOn(overWhite(rgb, alpha)) };
}

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
                style={cellStyle(t === p, v / max)}
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
