/**
 * What the bench worker's sections share: the table they fill, the log, and how rows are
 * labelled and rounded.
 */
import type { BackendInfo } from '../src/engine/backend';
import type { Measured } from './harness';

export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  note?: string;
}

export const post = (msg: unknown) => (self as unknown as Worker).postMessage(msg);
export const log = (text: string) => post({ type: 'log', text });
export const label = (info: BackendInfo) => `${info.name}${info.software ? ' (software)' : ''}`;
export const rate = (m: Measured[], name: string) => m.find((x) => x.name === name)!.perSecond;
export const fmt = (v: number) => +v.toFixed(2);
