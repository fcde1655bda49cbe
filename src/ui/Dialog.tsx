/**
 * A modal dialog: a backdrop that closes it on click, a titled header with a close button,
 * and Escape to close. Focus moves into the dialog when it opens.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog(props: {
  title: string;
  /** Accessible name of the ✕ button, e.g. "Close import". */
  closeLabel: string;
  narrow?: boolean;
  onClose(): void;
  children: ReactNode;
}) {
  const { onClose } = props;
  const ref = useRef<HTMLDivElement>(null);
  // The latest onClose, so that the effect below runs once: re-running it would pull focus
  // back to the dialog whenever the parent re-renders.
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    ref.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        ref={ref}
        tabIndex={-1}
        className={props.narrow ? 'dialog dialog-narrow' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        onClick={(e) => e.stopPropagation()}
      >
        <header className="dialog-header">
          <h2>{props.title}</h2>
          <button type="button" className="btn btn-small" onClick={onClose} aria-label={props.closeLabel}>
            ✕
          </button>
        </header>
        {props.children}
      </div>
    </div>
  );
}
