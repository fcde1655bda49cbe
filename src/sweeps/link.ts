/**
 * A sweep as a link: the base experiment's own link (share/codec.ts) followed by
 * `sweep=<payload>`, the spec and the measured results, compressed as the experiment is
 * (lz-string). Opening it shows the experiment and the sweep's results, without running
 * anything. The payload is checked with zod; a damaged one is refused with a message. Pure.
 */
import LZString from 'lz-string';
import type { ExperimentConfig } from '../config/schema';
import { z } from '../config/zod';
import { decodeLink, encodeLink } from '../share/codec';
import type { SweepResult } from './types';

export const SWEEP_PARAM = 'sweep';
/** A compressed payload beyond this is not a sweep this page made . */
const MAX_PAYLOAD = 60_000;

const value = z.union([z.number(), z.string().max(80)]);
const metrics = z.record(z.string().max(40), z.number().nullable());
const Payload = z.object({
  v: z.literal(1),
  spec: z.object({
    axes: z
      .array(
        z.object({ path: z.string().max(120), values: z.array(value).max(60), label: z.string().max(120).optional() }),
      )
      .max(2),
    seeds: z.array(z.number().int()).min(1).max(100),
    steps: z.number().int().min(1),
    lab: z.string().max(40).optional(),
    verdict: z.object({ kdLane: z.number().int().min(0), baselineLane: z.number().int().min(0) }).optional(),
    title: z.string().max(160).optional(),
  }),
  points: z
    .array(
      z.object({
        values: z.array(value).max(2),
        runs: z.array(
          z.object({ seed: z.number(), steps: z.number(), lanes: z.array(metrics).max(6), teacher: metrics }),
        ),
      }),
    )
    .max(400),
  complete: z.boolean(),
  backend: z.string().max(20),
  ms: z.number().optional(),
  at: z.number().optional(),
});

/** Seven significant digits: a float32 as measured, so a reopened table reads exactly as the original. */
const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(7)) : null);
const roundAll = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round(v)]));

/** The hash (without '#') that reopens `result`. */
export function encodeSweepLink(result: SweepResult): string {
  const payload = {
    v: 1,
    spec: result.spec,
    points: result.points.map((p) => ({
      values: p.values,
      runs: p.runs.map((r) => ({ ...r, lanes: r.lanes.map(roundAll), teacher: roundAll(r.teacher) })),
    })),
    complete: result.complete,
    backend: result.backend,
    ...(result.ms !== undefined && { ms: Math.round(result.ms) }),
    ...(result.at !== undefined && { at: result.at }),
  };
  const packed = LZString.compressToEncodedURIComponent(JSON.stringify(payload));
  return `${encodeLink(result.base)}&${SWEEP_PARAM}=${packed}`;
}

export type DecodedSweep = { ok: true; result: SweepResult } | { ok: false; error: string };

const unround = (r: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? NaN]));

/** The sweep a hash carries, or null when it carries none; never throws. */
export function decodeSweepLink(hash: string, base?: ExperimentConfig): DecodedSweep | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const packed = params.get(SWEEP_PARAM);
  if (packed === null) return null;
  const refused = {
    ok: false,
    error: 'This link’s sweep results could not be read; the experiment is shown without them.',
  } as const;
  if (packed.length > MAX_PAYLOAD) return refused;
  let json: unknown;
  try {
    json = JSON.parse(LZString.decompressFromEncodedURIComponent(packed) || 'null');
  } catch {
    return refused;
  }
  const r = Payload.safeParse(json);
  if (!r.success) return refused;
  let config = base;
  if (!config) {
    const decoded = decodeLink(experimentPart(hash));
    if (!decoded.ok) return refused;
    config = decoded.config;
  }
  const { spec, points, ...rest } = r.data;
  return {
    ok: true,
    result: {
      ...rest,
      spec,
      base: config,
      points: points.map((p) => ({
        values: p.values,
        runs: p.runs.map((run) => ({ ...run, lanes: run.lanes.map(unround), teacher: unround(run.teacher) })),
      })),
    },
  };
}

/** The hash without its sweep, for the experiment's own decoder (whose length limit a sweep would break). */
export function experimentPart(hash: string): string {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  return h
    .split('&')
    .filter((p) => !p.startsWith(`${SWEEP_PARAM}=`))
    .join('&');
}
