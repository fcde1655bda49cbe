/**
 * The test set on its first two principal components (computed once in the worker), each row
 * coloured by its true class; rows where the teacher and the shown student predict different
 * classes are ringed. For tables with other than two features, where no boundary map exists.
 */
import { useMemo, useRef } from 'react';
import { argmaxRow } from '../../../lib/softmax';
import { PngButton } from '../../../ui/charts/PngButton';
import { usePaint } from '../../../ui/paint-queue';
import { classColor } from '../../../ui/palette';
import { useTableLogits } from './common';

const SIZE = 300;
const PAD = 12;

const pct = (v: number) => `${(v * 100).toFixed(0)}%`;

export function ProjectionView() {
  const { data, teacher, student, step } = useTableLogits();
  const ref = useRef<HTMLCanvasElement>(null);
  const projection = data?.projection;
  const classes = data?.classes ?? 2;
  const n = projection ? projection.points.length / 2 : 0;

  const disagree = useMemo(() => {
    if (!projection || !teacher || !student) return undefined;
    return Uint8Array.from({ length: n }, (_, i) =>
      Number(argmaxRow(teacher, i * classes, classes) !== argmaxRow(student, i * classes, classes)),
    );
  }, [projection, teacher, student, n, classes]);
  const differ = disagree?.reduce((s, v) => s + v, 0) ?? 0;

  usePaint(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    // A canvas starts 300×150: both sides are set, whatever the width already is.
    if (canvas.width !== SIZE * dpr || canvas.height !== SIZE * dpr) canvas.width = canvas.height = SIZE * dpr;
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#f8fafc';
    ctx.fillRect(0, 0, SIZE, SIZE);
    if (!projection || !data?.testY) return;
    const p = projection.points;
    let extent = 1e-9;
    for (const v of p) extent = Math.max(extent, Math.abs(v));
    const scale = (SIZE / 2 - PAD) / extent;
    const at = (i: number): [number, number] => [SIZE / 2 + p[2 * i]! * scale, SIZE / 2 - p[2 * i + 1]! * scale];
    ctx.strokeStyle = '#e2e8f0';
    ctx.beginPath();
    ctx.moveTo(SIZE / 2, 0);
    ctx.lineTo(SIZE / 2, SIZE);
    ctx.moveTo(0, SIZE / 2);
    ctx.lineTo(SIZE, SIZE / 2);
    ctx.stroke();
    // Agreeing rows first, so the ringed ones are drawn on top.
    for (const ringed of [0, 1])
      for (let i = 0; i < n; i++) {
        if ((disagree?.[i] ?? 0) !== ringed) continue;
        const [x, y] = at(i);
        ctx.beginPath();
        ctx.arc(x, y, ringed ? 4.2 : 3, 0, 2 * Math.PI);
        ctx.fillStyle = classColor(data.testY[i]!);
        ctx.fill();
        ctx.lineWidth = ringed ? 1.8 : 0.8;
        ctx.strokeStyle = ringed ? '#111827' : '#ffffff';
        ctx.stroke();
      }
  }, [projection, data, disagree, n]);

  const caption = projection
    ? `PC1 ${pct(projection.explained[0])}, PC2 ${pct(projection.explained[1])} of the variance · ${n.toLocaleString('en-US')} test rows${
        disagree ? ` · ${differ} ringed: teacher and student differ (step ${(step ?? 0).toLocaleString('en-US')})` : ''
      }`
    : 'press Play to read the table';
  return (
    <section className="projection-view" aria-label="Test set projection">
      <figure className="boundary-map">
        <figcaption>
          <strong>Test set, principal components</strong>
          <PngButton title="Test set on its first two principal components" target={ref} />
        </figcaption>
        <canvas
          ref={ref}
          style={{ width: SIZE, height: SIZE }}
          role="img"
          aria-label={`Principal components of the test set: ${caption}`}
        />
        <p className="field-hint">{caption}</p>
      </figure>
      {data ? (
        <ul className="projection-legend" aria-label="Classes">
          {data.classNames.slice(0, 20).map((name, c) => (
            <li key={c}>
              <span className="swatch" style={{ background: classColor(c) }} aria-hidden="true" />
              {name}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
