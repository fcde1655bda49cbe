/**
 * The toolbar's "Sweeps" menu: set up a sweep, or ask "Does KD beat labels only?" in one click.
 * A disclosure (a button and the list it shows), so the header keeps its height: two more
 * toolbar buttons took the phone's header past 130 px and the desktop's to a second row.
 */
import { useEffect, useRef, useState } from 'react';
import { openSweepDialog, runVerdict, useSweepStore, viewRunningSweep } from '../../state/sweep';

export function SweepMenu() {
  const [open, setOpen] = useState(false);
  const running = useSweepStore((s) => s.running !== null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  const choose = (fn: () => void) => () => {
    setOpen(false);
    fn();
  };
  return (
    <div
      className="sweep-menu"
      ref={box}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          box.current?.querySelector<HTMLButtonElement>('button')?.focus();
        }
      }}
    >
      <button
        type="button"
        className="btn btn-small"
        aria-expanded={open}
        aria-controls="sweep-menu-list"
        onClick={() => setOpen((o) => !o)}
      >
        Sweeps{running ? ' (running)' : ''} <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <ul id="sweep-menu-list" className="sweep-menu-list">
          {running ? (
            <li>
              <button type="button" className="btn btn-small" onClick={choose(viewRunningSweep)}>
                Show the running sweep
              </button>
            </li>
          ) : null}
          <li>
            <button
              type="button"
              className="btn btn-small"
              disabled={running}
              onClick={choose(() => openSweepDialog())}
            >
              Sweep…
            </button>
          </li>
          <li>
            <button
              type="button"
              className="btn btn-small"
              disabled={running}
              title="Runs the current objective and a no-teacher student on 5 seeds at the same budget, then tests the difference"
              onClick={choose(() => runVerdict())}
            >
              Does KD beat labels only?
            </button>
          </li>
        </ul>
      ) : null}
    </div>
  );
}
