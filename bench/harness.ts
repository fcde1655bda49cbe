/**
 * A tiny side-by-side timer. Cases alternate round by round (A B A B …) so that drift in the
 * machine's speed (thermal, other load) hits both alike; the median round is reported.
 */
export interface BenchCase {
  /** Does some work; returns how many units (steps, tokens) it did. */
  run(): Promise<number>;
  dispose(): void;
}

export interface Measured {
  name: string;
  /** Median units per second over the rounds. */
  perSecond: number;
  rounds: number[];
}

async function timeRound(c: BenchCase, minMs: number): Promise<number> {
  let units = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    units += await c.run();
    elapsed = performance.now() - t0;
  }
  return (units / elapsed) * 1000;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

export async function sideBySide(
  cases: Record<string, BenchCase>,
  opts: { rounds?: number; minMs?: number } = {},
): Promise<Measured[]> {
  const rounds = opts.rounds ?? 5;
  const minMs = opts.minMs ?? 400;
  const names = Object.keys(cases);
  // Warm-up: compile shaders, allocate, let the JIT settle.
  for (const n of names) await timeRound(cases[n]!, Math.min(200, minMs));
  const results: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const n of order) results[n]!.push(await timeRound(cases[n]!, minMs));
  }
  return names.map((name) => ({ name, perSecond: median(results[name]!), rounds: results[name]! }));
}
