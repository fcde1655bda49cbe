/** Sweeps in History (IndexedDB store `sweeps`, history-db.ts): saved when they end, listed newest first, reopened whole. */
import type { SweepResult } from '../sweeps/types';
import { announceChange, openHistory, type SweepRecord } from './history-db';

export type { SweepRecord };

export async function saveSweep(title: string, result: SweepResult): Promise<string> {
  const id = `sweep-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const db = await openHistory();
  await db.put('sweeps', { id, createdAt: result.at ?? Date.now(), title, result });
  announceChange();
  return id;
}

export async function listSweeps(): Promise<SweepRecord[]> {
  const db = await openHistory();
  return (await db.getAllFromIndex('sweeps', 'createdAt')).reverse();
}

export async function deleteSweep(id: string): Promise<void> {
  const db = await openHistory();
  await db.delete('sweeps', id);
  announceChange();
}
