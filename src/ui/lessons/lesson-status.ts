/** What the lesson panel says about the checkpoint's run, in words. Pure. */
import type { Progress } from '../../lessons/condition';
import type { RunUntil } from '../../lessons/schema';
import { LESSON_METRICS } from '../../lessons/views';
import type { LessonPhase } from '../../state/lesson';

const n = (v: number) => v.toLocaleString('en-US');

/** A metric's value as the readouts show it: shares as percentages, the rest with 3 decimals. */
export function metricValue(metric: string, v: number): string {
  return metric === 'agreement' || metric === 'studentAccuracy' ? `${(v * 100).toFixed(1)}%` : v.toFixed(3);
}

/** "student 2’s agreement ≥ 95.0%" */
export function conditionWords(until: Extract<RunUntil, { metric: string }>): string {
  const label = LESSON_METRICS[until.metric].replace(/^Student /, '');
  return `student ${until.lane + 1}’s ${label.charAt(0).toLowerCase()}${label.slice(1)} ${until.op === '>=' ? '≥' : '≤'} ${metricValue(until.metric, until.value)}`;
}

export function lessonStatus(until: RunUntil, phase: LessonPhase, outcome: Progress | undefined, step: number): string {
  if (phase === 'review') return 'An earlier checkpoint, shown again: the run stays where it is.';
  if (phase === 'running' || !outcome) {
    if ('steps' in until) return `Playing to step ${n(until.steps)} (now ${n(step)})…`;
    return `Playing until ${conditionWords(until)}, at most to step ${n(until.cap)} (now ${n(step)})…`;
  }
  switch (outcome.state) {
    case 'reached':
      if ('metric' in until && outcome.at !== undefined && outcome.value !== undefined)
        return `Checkpoint reached: ${conditionWords(until).replace(/ [≥≤] .*$/, '')} was ${metricValue(until.metric, outcome.value)} at step ${n(outcome.at)}; paused at step ${n(step)}.`;
      return `Checkpoint reached at step ${n(outcome.step)}.`;
    case 'capped':
      return `Stopped at step ${n(outcome.step)} without ${'metric' in until ? conditionWords(until) : 'the condition'}${outcome.value !== undefined && 'metric' in until ? ` (last ${metricValue(until.metric, outcome.value)})` : ''}.`;
    case 'stopped':
      return 'The run stopped before the checkpoint: read its message above, then press Play to go on.';
    default:
      return '';
  }
}
