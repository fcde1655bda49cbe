/**
 * Seeded 2D classification data sets. Pure TypeScript (no tfjs): the same points are made in
 * Node tests, in the worker and, if needed, on the main thread. Every data set lies roughly in
 * [-1, 1]²; `noise` (0..1) is scaled per data set so that 0.1–0.3 looks "moderate" everywhere.
 */
import { createRng, shuffleInPlace, type Rng } from '../../lib/rng';

export const TOY_DATASETS = ['spiral', 'moons', 'circles', 'xor', 'blobs'] as const;
export type ToyDatasetId = (typeof TOY_DATASETS)[number];

export interface ToyDatasetInfo {
  id: ToyDatasetId;
  name: string;
  /** Whether the number of classes is a free choice (spiral arms, blob count). */
  variableClasses: boolean;
}

export const TOY_DATASET_INFO: Record<ToyDatasetId, ToyDatasetInfo> = {
  spiral: { id: 'spiral', name: 'Spiral', variableClasses: true },
  moons: { id: 'moons', name: 'Two moons', variableClasses: false },
  circles: { id: 'circles', name: 'Circles', variableClasses: false },
  xor: { id: 'xor', name: 'XOR', variableClasses: false },
  blobs: { id: 'blobs', name: 'Gaussian blobs', variableClasses: true },
};

export interface Points2D {
  /** Row-major [n, 2]. */
  x: Float32Array;
  /** Class index per point. */
  y: Int32Array;
  classes: number;
}

export interface ToySpec {
  dataset: ToyDatasetId;
  /** Spiral arms or blob count; ignored by the two-class sets. */
  classes: number;
  noise: number;
  points: number;
}

/** Number of classes a spec really produces. */
export function toyClassCount(spec: Pick<ToySpec, 'dataset' | 'classes'>): number {
  return TOY_DATASET_INFO[spec.dataset].variableClasses ? spec.classes : 2;
}

/** Class index of the i-th of n points when n points are shared out among k classes. */
const classOf = (i: number, n: number, k: number): number => Math.floor((i * k) / n);

function spiral(n: number, k: number, noise: number, rng: Rng): Points2D {
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = classOf(i, n, k);
    const r = 0.08 + 0.92 * rng.next();
    // 0.8 of a turn from centre to rim keeps neighbouring arms apart for up to 6 arms.
    const angle = r * 1.6 * Math.PI + (2 * Math.PI * c) / k;
    const jitter = noise * 0.18;
    x[2 * i] = r * Math.cos(angle) + jitter * rng.normal();
    x[2 * i + 1] = r * Math.sin(angle) + jitter * rng.normal();
    y[i] = c;
  }
  return { x, y, classes: k };
}

function moons(n: number, noise: number, rng: Rng): Points2D {
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = classOf(i, n, 2);
    const t = Math.PI * rng.next();
    // scikit-learn's make_moons, centred and scaled into [-1, 1]².
    const px = c === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const py = c === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    const jitter = noise * 0.25;
    x[2 * i] = (px - 0.5) * 0.62 + jitter * rng.normal();
    x[2 * i + 1] = (py - 0.25) * 0.62 + jitter * rng.normal();
    y[i] = c;
  }
  return { x, y, classes: 2 };
}

function circles(n: number, noise: number, rng: Rng): Points2D {
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = classOf(i, n, 2);
    const t = 2 * Math.PI * rng.next();
    const r = c === 0 ? 0.9 : 0.4;
    const jitter = noise * 0.2;
    x[2 * i] = r * Math.cos(t) + jitter * rng.normal();
    x[2 * i + 1] = r * Math.sin(t) + jitter * rng.normal();
    y[i] = c;
  }
  return { x, y, classes: 2 };
}

function xor(n: number, noise: number, rng: Rng): Points2D {
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    // A small margin around the axes keeps the noiseless task cleanly separable.
    let px = 0.05 + 0.9 * rng.next();
    let py = 0.05 + 0.9 * rng.next();
    if (rng.next() < 0.5) px = -px;
    if (rng.next() < 0.5) py = -py;
    y[i] = px * py > 0 ? 0 : 1;
    const jitter = noise * 0.25;
    x[2 * i] = px + jitter * rng.normal();
    x[2 * i + 1] = py + jitter * rng.normal();
  }
  return { x, y, classes: 2 };
}

function blobs(n: number, k: number, noise: number, rng: Rng): Points2D {
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  const sd = 0.08 + noise * 0.35;
  for (let i = 0; i < n; i++) {
    const c = classOf(i, n, k);
    const a = (2 * Math.PI * c) / k + Math.PI / 4;
    x[2 * i] = 0.6 * Math.cos(a) + sd * rng.normal();
    x[2 * i + 1] = 0.6 * Math.sin(a) + sd * rng.normal();
    y[i] = c;
  }
  return { x, y, classes: k };
}

/** Generates the points of a spec from a seed, in a seeded random order. */
export function generateToy(spec: ToySpec, seed: number): Points2D {
  const rng = createRng(seed, `toy:${spec.dataset}`);
  const k = toyClassCount(spec);
  const n = spec.points;
  let pts: Points2D;
  switch (spec.dataset) {
    case 'spiral':
      pts = spiral(n, k, spec.noise, rng);
      break;
    case 'moons':
      pts = moons(n, spec.noise, rng);
      break;
    case 'circles':
      pts = circles(n, spec.noise, rng);
      break;
    case 'xor':
      pts = xor(n, spec.noise, rng);
      break;
    case 'blobs':
      pts = blobs(n, k, spec.noise, rng);
      break;
  }
  // Generators emit points class by class; shuffle so a train/test split is stratified by chance.
  const order = shuffleInPlace(
    Int32Array.from({ length: n }, (_, i) => i),
    rng.fork('order'),
  );
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  order.forEach((src, dst) => {
    x[2 * dst] = pts.x[2 * src]!;
    x[2 * dst + 1] = pts.x[2 * src + 1]!;
    y[dst] = pts.y[src]!;
  });
  return { x, y, classes: k };
}

/** Splits points into train and test sets; the first points (already shuffled) go to test. */
export function splitToy(pts: Points2D, testFraction: number): { train: Points2D; test: Points2D } {
  const n = pts.y.length;
  const nTest = Math.max(1, Math.min(n - 1, Math.round(n * testFraction)));
  const take = (from: number, to: number): Points2D => ({
    x: pts.x.slice(2 * from, 2 * to),
    y: pts.y.slice(from, to),
    classes: pts.classes,
  });
  return { test: take(0, nTest), train: take(nTest, n) };
}

/** The square the views draw: the data's extent, padded and made symmetric. */
export const TOY_EXTENT = 1.3;
