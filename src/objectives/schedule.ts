/**
 * Generic schedules for a lane: the temperature can move from the objective's T to a final
 * value (linearly or along a half cosine) over the planned steps, and the KD weight can warm up
 * linearly from 0. Pure functions of the step, so they cost nothing on the device and are
 * charted exactly.
 */
import type { ObjectiveDef } from './types';

export const TEMPERATURE_SCHEDULES = ['constant', 'linear', 'cosine'] as const;
export type TemperatureSchedule = (typeof TEMPERATURE_SCHEDULES)[number];

export interface LaneSchedule {
  temperature: TemperatureSchedule;
  /** Temperature at the last planned step (linear and cosine schedules). */
  temperatureEnd: number;
  /** Steps over which the KD weight ramps up from 0 (0 = off). */
  warmup: number;
}

export const DEFAULT_SCHEDULE: LaneSchedule = { temperature: 'constant', temperatureEnd: 1, warmup: 0 };

/** The temperature at `step` of `totalSteps`, starting from T0. */
export function scheduledTemperature(s: LaneSchedule, T0: number, step: number, totalSteps: number): number {
  const f = Math.min(1, step / Math.max(1, totalSteps));
  switch (s.temperature) {
    case 'constant':
      return T0;
    case 'linear':
      return T0 + (s.temperatureEnd - T0) * f;
    case 'cosine':
      return s.temperatureEnd + ((T0 - s.temperatureEnd) * (1 + Math.cos(Math.PI * f))) / 2;
  }
}

/** The parameters an objective sees at `step` (0-based), schedules applied. */
export function scheduledParams(
  def: ObjectiveDef,
  params: Readonly<Record<string, number>>,
  schedule: LaneSchedule,
  step: number,
  totalSteps: number,
): Record<string, number> {
  const out = { ...params };
  const tKey = def.schedulable?.temperature;
  if (tKey && out[tKey] !== undefined) out[tKey] = scheduledTemperature(schedule, out[tKey], step, totalSteps);
  const wKey = def.schedulable?.weight;
  if (wKey && out[wKey] !== undefined && schedule.warmup > 0)
    out[wKey] = out[wKey] * Math.min(1, (step + 1) / schedule.warmup);
  return out;
}

/**
 * The temperature a lane trains at after `stepsDone` steps, for views that show its softened
 * distributions: its last step's temperature (the last point of the "T" schedule chart), the
 * first step's before any. Objectives whose temperature is not scheduled keep their `T`;
 * those without one (TAID, labels only) work at T = 1.
 */
export function currentTemperature(
  def: ObjectiveDef,
  params: Readonly<Record<string, number>>,
  schedule: LaneSchedule,
  stepsDone: number,
  totalSteps: number,
): number {
  const key = def.schedulable?.temperature;
  const T0 = params[key ?? 'T'];
  if (T0 === undefined) return 1;
  return key ? scheduledTemperature(schedule, T0, Math.max(0, stepsDone - 1), totalSteps) : T0;
}

/** Scheduled values a lane charts ("T", "alpha"), by objective parameter key. */
export function scheduleColumns(def: ObjectiveDef): { key: string; label: string }[] {
  const cols: { key: string; label: string }[] = [];
  const label = (key: string) => def.params.find((p) => p.key === key)?.label ?? key;
  if (def.schedulable?.temperature)
    cols.push({ key: def.schedulable.temperature, label: label(def.schedulable.temperature) });
  // The weight is KD weight α for most objectives, ULD's λ for ULD: the parameter's own label.
  if (def.schedulable?.weight) cols.push({ key: def.schedulable.weight, label: label(def.schedulable.weight) });
  return cols;
}
