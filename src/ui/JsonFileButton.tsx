/**
 * A button that opens a JSON file and hands over its text: the one way the studio's dialogs
 * (Lessons, History) pick a file, so each keeps only what it does with the text. The input is
 * hidden behind the button (a styled button reads better than the browser's file control) and
 * cleared after each pick, so the same file can be picked again.
 */
import { useRef } from 'react';

export function JsonFileButton({
  label,
  fileLabel,
  onText,
}: {
  /** The button's text, e.g. "Open a lesson file…". */
  label: string;
  /** The accessible name of the hidden file input (what tests and screen readers find). */
  fileLabel: string;
  onText(text: string): void | Promise<void>;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label={fileLabel}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) await onText(await file.text());
        }}
      />
    </>
  );
}
