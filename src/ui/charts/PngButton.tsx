/** The small "PNG" button each chart has: downloads the chart under `target` with its title. */
import { useState, type RefObject } from 'react';
import { downloadChartPng, type LegendEntry } from './png';

export function PngButton({
  title,
  target,
  legend,
}: {
  title: string;
  target: RefObject<Element | null>;
  legend?: LegendEntry[];
}) {
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    if (!target.current) return;
    setError(null);
    downloadChartPng(target.current, title, legend).catch((e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <button
      type="button"
      className="btn btn-ghost btn-tiny chart-png"
      aria-label={`Download “${title}” as PNG`}
      title={error ?? 'Download as PNG'}
      onClick={save}
    >
      {error ? 'PNG failed' : 'PNG'}
    </button>
  );
}
