/** The sweep's dialogs, as the sweep store says: the set-up, or the results (running, finished, or opened from History or a link). */
import { useSweepStore } from '../../state/sweep';
import { SweepDialog } from './SweepDialog';
import { SweepResults } from './SweepResults';
import './sweep.css';

export function SweepLayer() {
  const draft = useSweepStore((s) => s.draft);
  const result = useSweepStore((s) => (s.viewing ? s.result : null));
  if (result) return <SweepResults result={result} />;
  if (draft) return <SweepDialog spec={draft} />;
  return null;
}
