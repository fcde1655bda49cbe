/**
 * The per-class teacher–student gap at every evaluation, one line per class: for a task whose
 * session measures it (gap-aware sampling draws classes by it).
 */
import { useMemo } from 'react';
import { useRunStore } from '../../state/run';
import { classColor } from '../palette';
import { FROM_ZERO, fmtLoss } from './chart-specs';
import { LiveChart, type LineSpec } from './LiveChart';

/** `classNames`: one short name per class, in class order (the lines' labels). */
export function ClassGapChart({ classNames }: { classNames: readonly string[] }) {
  useRunStore((s) => s.version); // the series are mutated in place; version says they grew
  const { gap } = useRunStore.getState();
  const lines = useMemo<LineSpec[]>(
    () => classNames.map((name, c) => ({ column: `gap:${c}`, label: name, color: classColor(c) })),
    [classNames],
  );
  return (
    <LiveChart
      title="Per-class gap: KL(teacher‖student), running mean"
      series={gap}
      length={gap.length}
      lines={lines}
      format={fmtLoss}
      yDomain={FROM_ZERO}
    />
  );
}
