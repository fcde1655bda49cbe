/**
 * The labs' own charts (issue 17: capacity gap, teacher hacking, top-k teachers, several
 * teachers): a lab's sweep names its lab in `SweepSpec.lab`, and the results view draws the
 * component registered here under that id above the generic chart and table.
 *
 * To add one: write `src/ui/sweep/labs/<Lab>.tsx` exporting `(props: LabChartProps) => JSX`, and
 * add a line `'<lab id>': <Lab>,` to LAB_CHARTS. Nothing else: the results view looks it up.
 */
import { createElement, type JSX } from 'react';
import { CAPACITY_GAP_LAB } from '../../sweeps/capacity-gap';
import { TOY_CAPACITY_GAP_LAB } from '../../tasks/toy2d/capacity-gap';
import type { SweepResult } from '../../sweeps/types';
import { CapacityGapChart, ToyCapacityGapChart } from './CapacityGapChart';
import { SEVERAL_TEACHERS_LAB } from '../../sweeps/several-teachers';
import { SeveralTeachersChart } from './SeveralTeachersChart';

export interface LabChartProps {
  result: SweepResult;
}

export type LabChart = (props: LabChartProps) => JSX.Element | null;

export const LAB_CHARTS: Readonly<Record<string, LabChart>> = {
  [CAPACITY_GAP_LAB]: CapacityGapChart,
  [TOY_CAPACITY_GAP_LAB]: ToyCapacityGapChart,
  [SEVERAL_TEACHERS_LAB]: SeveralTeachersChart,
};

export const labChart = (lab: string | undefined): LabChart | undefined =>
  lab !== undefined && Object.hasOwn(LAB_CHARTS, lab) ? LAB_CHARTS[lab] : undefined;

/** The chart registered for the result's lab, or nothing. */
export function LabChartView({ result }: LabChartProps) {
  const chart = labChart(result.spec.lab);
  return chart ? createElement(chart, { result }) : null;
}
