/**
 * A modal dialog: a titled box with a close button; Escape, the close button or a click on the
 * dimmed page around it close it.
 *
 * It is a native <dialog> opened with showModal(): the browser puts it above everything (the
 * sticky header, the phone's run bar) and makes the page behind it inert, so neither Tab nor a
 * screen reader's virtual cursor wanders there. useFocusTrap adds what the element lacks: Tab
 * wraps from the last control to the first, and focus returns to the opener when the dialog
 * goes. Mounted means open: the parent unmounts it to close it.
 */
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { useFocusTrap } from './focus-trap';

export function Dialog(props: {
  title: string;
  /** Accessible name of the ✕ button, e.g. "Close import". */
  closeLabel: string;
  narrow?: boolean;
  onClose(): void;
  children: ReactNode;
}) {
  const { onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // Where the pointer went down: a drag that starts inside the box and ends on the backdrop
  // (selecting text) is not a click on the backdrop.
  const downOnBackdrop = useRef(false);
  useFocusTrap(dialog, true, onClose);
  // Before paint, so that the dialog is never seen in the page's flow.
  useLayoutEffect(() => {
    const d = dialog.current!;
    if (!d.open) d.showModal();
    // The box itself, not its first button: a screen reader starts at the title, and the
    // first Tab goes to the first control.
    box.current?.focus();
    return () => d.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="dialog-backdrop"
      aria-label={props.title}
      // Escape is answered by the focus trap; a close the browser does on its own (a close
      // request it would not let the page refuse) still tells the parent, unless the dialog
      // is open again by then (React's development double mount closes and reopens it).
      onCancel={(e) => e.preventDefault()}
      onClose={(e) => {
        if (!e.currentTarget.open) onClose();
      }}
      onPointerDown={(e) => {
        downOnBackdrop.current = e.target === e.currentTarget;
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget && downOnBackdrop.current) onClose();
      }}
    >
      <div ref={box} tabIndex={-1} className={props.narrow ? 'dialog dialog-narrow' : 'dialog'}>
        <header className="dialog-header">
          <h2>{props.title}</h2>
          <button type="button" className="btn btn-small" onClick={onClose} aria-label={props.closeLabel}>
            ✕
          </button>
        </header>
        {props.children}
      </div>
    </dialog>
  );
}
