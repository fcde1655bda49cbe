/** Opens the sweep results a link carries (sweeps/link.ts), over the experiment the link opened; a damaged payload is a notice. */
import { decodeSweepLink } from '../sweeps/link';
import { useConfigStore } from './config';
import { useLinkStore } from './link';
import { showSweepResult } from './sweep';

export function openSweepFromLocation(): void {
  const r = decodeSweepLink(location.hash.slice(1), useConfigStore.getState().config);
  if (!r) return;
  if (r.ok) showSweepResult(r.result);
  else useLinkStore.setState((s) => ({ notices: [...s.notices, r.error] }));
}
