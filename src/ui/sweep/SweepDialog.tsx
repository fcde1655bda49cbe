/**
 * Sets up a sweep of the current experiment: one or two settings (any numeric field, named as
 * the panel names it) with a list or a range of values, the seeds, the steps each run trains,
 * and an estimate from the last sweep's measured time per step.
 */
import { useMemo, useState } from 'react';
import { useConfigStore } from '../../state/config';
import { closeSweepDialog, runSweep } from '../../state/sweep';
import { measuredMsPerStep } from '../../state/sweep-estimate';
import { gridPoints, parseValues, seedsFrom, specProblem } from '../../sweeps/grid';
import { sweepFields, type SweepField } from '../../sweeps/fields';
import type { SweepSpec } from '../../sweeps/types';
import { Dialog } from '../Dialog';
import { durationText } from './duration';

interface AxisDraft {
  path: string;
  text: string;
}

const shown = (v: number, scale: number) => Number((v * scale).toPrecision(6));

/** Values around the current one: half, same, double (whole numbers stay whole). */
function around(f: SweepField): string {
  const whole = Number.isInteger(f.value);
  const vs = [0.5, 1, 2].map((k) => (whole ? Math.max(1, Math.round(f.value * k)) : f.value * k));
  return [...new Set(vs)].map((v) => shown(v, f.scale)).join(', ');
}

export function SweepDialog({ spec }: { spec: SweepSpec }) {
  const config = useConfigStore((s) => s.config);
  const fields = useMemo(() => sweepFields(config), [config]);
  const byPath = useMemo(() => new Map(fields.map((f) => [f.path, f])), [fields]);
  const first = byPath.get('lanes.0.params.T') ?? fields[0];
  const [axes, setAxes] = useState<AxisDraft[]>(() =>
    spec.axes.length
      ? spec.axes.map((a) => {
          const scale = byPath.get(a.path)?.scale ?? 1;
          return { path: a.path, text: a.values.map((v) => (typeof v === 'number' ? shown(v, scale) : v)).join(', ') };
        })
      : first
        ? [{ path: first.path, text: around(first) }]
        : [],
  );
  const [seedCount, setSeedCount] = useState(String(spec.seeds.length));
  const [steps, setSteps] = useState(String(spec.steps));

  const parsed = axes.map((a) => {
    const f = byPath.get(a.path);
    const p = parseValues(a.text);
    return p.ok ? { ok: true as const, values: p.values.map((v) => Number((v / (f?.scale ?? 1)).toPrecision(12))) } : p;
  });
  const seeds = Number(seedCount);
  const budget = Number(steps);
  const draft: SweepSpec = {
    ...spec,
    axes: axes.map((a, i) => ({
      path: a.path,
      values: parsed[i]!.ok ? (parsed[i] as { values: number[] }).values : [],
      label: byPath.get(a.path)?.label ?? a.path,
    })),
    seeds: Number.isInteger(seeds) && seeds >= 1 && seeds <= 20 ? seedsFrom(config.seed, seeds) : [],
    steps: budget,
  };
  const problem =
    axes.length === 0
      ? 'Choose a setting to vary.'
      : (parsed.find((p) => !p.ok)?.error ??
        (draft.seeds.length === 0 ? 'Seeds: a whole number from 1 to 20.' : specProblem(draft)));
  const runs = problem ? 0 : gridPoints(draft).length * draft.seeds.length;
  const ms = measuredMsPerStep();
  const estimate =
    ms === undefined
      ? 'The first sweep measures how long a step takes; later ones are estimated from it.'
      : `About ${durationText(runs * budget * ms)} on this device (measured by the last sweep).`;

  const setAxis = (i: number, a: Partial<AxisDraft>) =>
    setAxes((xs) => xs.map((x, j) => (j === i ? { ...x, ...a } : x)));
  return (
    <Dialog title="Sweep" closeLabel="Close sweep" onClose={closeSweepDialog}>
      <p className="sweep-intro">
        Each point is a short run of the current experiment at the same budget, on every seed. Values: a list (“0.5, 1,
        2”) or a range (“1..8 step 1”).
      </p>
      <form
        className="sweep-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem) runSweep(draft);
        }}
      >
        {axes.map((a, i) => (
          <fieldset key={i} className="sweep-axis">
            <legend>Setting {i + 1}</legend>
            <label>
              Vary
              <select
                value={a.path}
                onChange={(e) => {
                  const f = byPath.get(e.target.value);
                  setAxis(i, { path: e.target.value, text: f ? around(f) : '' });
                }}
              >
                {fields.map((f) => (
                  <option key={f.path} value={f.path}>
                    {f.label} (now {shown(f.value, f.scale)})
                  </option>
                ))}
              </select>
            </label>
            <label>
              Values
              <input
                value={a.text}
                onChange={(e) => setAxis(i, { text: e.target.value })}
                aria-invalid={!parsed[i]!.ok}
                spellCheck={false}
              />
            </label>
            {axes.length > 1 ? (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setAxes((xs) => xs.filter((_, j) => j !== i))}
              >
                Remove setting {i + 1}
              </button>
            ) : null}
          </fieldset>
        ))}
        {axes.length < 2 && fields.length > 1 ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              const f = fields.find((x) => !axes.some((a) => a.path === x.path))!;
              setAxes((xs) => [...xs, { path: f.path, text: around(f) }]);
            }}
          >
            Add a second setting
          </button>
        ) : null}
        <div className="sweep-budget">
          <label>
            Seeds
            <input inputMode="numeric" value={seedCount} onChange={(e) => setSeedCount(e.target.value)} />
          </label>
          <label>
            Steps per run
            <input inputMode="numeric" value={steps} onChange={(e) => setSteps(e.target.value)} />
          </label>
        </div>
        <p className="sweep-estimate" role="status">
          {problem ?? `${runs} run${runs === 1 ? '' : 's'}. ${estimate}`}
        </p>
        <div className="sweep-actions">
          <button type="submit" className="btn btn-primary" disabled={problem !== null}>
            Run sweep
          </button>
        </div>
      </form>
    </Dialog>
  );
}
