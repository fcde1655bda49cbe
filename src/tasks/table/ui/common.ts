/** The table views' shared inputs: the loaded test set and the teacher's and the shown student's test logits. */
import { useRunStore } from '../../../state/run';
import type { HeldOutLogits } from '../../../ui/views/classification/types';

export function useTableLogits() {
  const views = useRunStore((s) => s.views);
  const lane = useRunStore((s) => s.lane);
  const data = useRunStore((s) => (s.data?.kind === 'table' ? s.data : undefined));
  const l = Math.min(lane, (views?.lanes.length ?? 1) - 1);
  return { data, teacher: views?.teacher.test, student: views?.lanes[l]?.test, step: views?.step, lane: l };
}

/** The same logits as the shared classification views take them. */
export function useHeldOutLogits(): HeldOutLogits {
  const { data, teacher, student, lane } = useTableLogits();
  const names = data?.classNames;
  return {
    labels: data?.testY,
    teacher,
    student,
    classes: data?.classes ?? 2,
    names,
    shortName: (c) => names?.[c] ?? `class ${c}`,
    noun: 'row',
    lane,
  };
}
