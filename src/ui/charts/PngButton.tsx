/**
 * Each chart's export: "PNG" downloads it at 2× the size on screen (sharp on a slide or a
 * high-density screen), and the ▾ beside it offers 3× and SVG. `redraw`: a chart that can draw
 * itself again at any size (the live charts); without it the drawing on screen is exported.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import './chart-export.css';
import { downloadChart, type ExportFormat, type LegendEntry, type Redrawable } from './png';

const FORMATS: { format: ExportFormat; text: string; says: string }[] = [
  { format: { kind: 'png', scale: 2 }, text: 'PNG 2×', says: 'as PNG at 2×' },
  { format: { kind: 'png', scale: 3 }, text: 'PNG 3×', says: 'as PNG at 3×' },
  { format: { kind: 'svg' }, text: 'SVG', says: 'as SVG' },
];

export function PngButton({
  title,
  target,
  legend,
  redraw,
}: {
  title: string;
  target: RefObject<Element | null>;
  legend?: LegendEntry[];
  redraw?: () => Redrawable | null;
}) {
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLSpanElement>(null);
  const save = (format: ExportFormat) => {
    setOpen(false);
    if (!target.current) return;
    setError(null);
    downloadChart(target.current, title, format, legend, redraw?.() ?? undefined).catch((e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  };
  // The menu closes on Escape and on a click or focus anywhere else.
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('focusin', away);
    document.addEventListener('keydown', key);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('focusin', away);
      document.removeEventListener('keydown', key);
    };
  }, [open]);
  return (
    <span className="chart-export" ref={box}>
      <button
        type="button"
        className="btn btn-ghost btn-tiny chart-png"
        aria-label={`Download “${title}” as PNG`}
        title={error ?? 'Download as PNG (2× the size on screen)'}
        onClick={() => save(FORMATS[0]!.format)}
      >
        {error ? 'PNG failed' : 'PNG'}
      </button>
      <button
        type="button"
        className="btn btn-ghost btn-tiny chart-more"
        aria-label={`More formats for “${title}”`}
        aria-expanded={open}
        title="PNG at 2× or 3×, or SVG"
        onClick={() => setOpen((o) => !o)}
      >
        ▾
      </button>
      {open ? (
        <span className="chart-formats" role="group" aria-label={`Formats for “${title}”`}>
          {FORMATS.map((f) => (
            <button
              key={f.text}
              type="button"
              className="btn btn-ghost btn-tiny"
              aria-label={`Download “${title}” ${f.says}`}
              onClick={() => save(f.format)}
            >
              {f.text}
            </button>
          ))}
        </span>
      ) : null}
    </span>
  );
}
