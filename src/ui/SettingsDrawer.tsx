/**
 * The settings: a sidebar beside the charts on a wide screen, a drawer over them on a phone
 * (layout.ts has the width). In the drawer they are a modal dialog opened by the run bar's
 * "Settings" button: the page behind goes inert, Tab stays inside, Escape, ✕ or a tap on the
 * dimmed page close it, and focus goes back to the button.
 *
 * It is one element either way (CSS moves it), so the form is never unmounted: a half-typed
 * value and each section's open or closed state survive opening, closing and rotating.
 */
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import { ControlPanel } from './controls/ControlPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { useFocusTrap } from './focus-trap';
import { useDrawerLayout } from './layout';

/** Whether the drawer is open; a store so that the run bar's button and the page both see it. */
export const useDrawerStore = create<{ open: boolean }>(() => ({ open: false }));
export const openSettings = () => useDrawerStore.setState({ open: true });
export const closeSettings = () => useDrawerStore.setState({ open: false });

/** True while the drawer is open over the page (only ever at the drawer's width). */
export function useDrawerModal(): boolean {
  const narrow = useDrawerLayout();
  return useDrawerStore((s) => s.open) && narrow;
}

const DRAWER_ID = 'settings-drawer';

/** The run bar's button that opens the drawer; CSS shows it only at the drawer's width. */
export function SettingsButton() {
  const open = useDrawerModal();
  return (
    <button
      type="button"
      className="btn settings-button"
      aria-expanded={open}
      aria-controls={DRAWER_ID}
      onClick={openSettings}
    >
      <span aria-hidden="true">☰</span> Settings
    </button>
  );
}

export function SettingsDrawer() {
  const narrow = useDrawerLayout();
  const modal = useDrawerModal();
  const ref = useRef<HTMLElement>(null);
  useFocusTrap(ref, modal, closeSettings);
  useEffect(() => {
    // Widening the window past the drawer's width leaves the sidebar: the drawer must not
    // spring open again the next time the window narrows.
    if (!narrow) closeSettings();
  }, [narrow]);
  useEffect(() => {
    if (modal) ref.current?.focus();
  }, [modal]);
  return (
    <>
      <aside
        ref={ref}
        id={DRAWER_ID}
        className={`sidebar${modal ? ' drawer-open' : ''}`}
        {...(modal ? { role: 'dialog', 'aria-modal': true, 'aria-label': 'Settings', tabIndex: -1 } : {})}
      >
        {narrow ? (
          <div className="drawer-header">
            <h2>Settings</h2>
            <button type="button" className="btn btn-small" onClick={closeSettings} aria-label="Close settings">
              ✕
            </button>
          </div>
        ) : null}
        <ErrorBoundary name="settings">
          <ControlPanel />
        </ErrorBoundary>
      </aside>
      {modal ? <div className="drawer-backdrop" aria-hidden="true" onClick={closeSettings} /> : null}
    </>
  );
}
