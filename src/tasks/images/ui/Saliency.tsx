/**
 * Why the models decided as they did, for the selected test image: gradient × input of the
 * logit of the teacher's class, for the teacher and the student, side by side (red pushes
 * towards the class, blue away), with their cosine similarity and Spearman ρ on |a| over the
 * image's foreground pixels (gradient × input is 0 on every black pixel, for both models).
 */
import { useEffect, useRef } from 'react';
import { foreground, mapAgreement } from '../../../lib/attribution';
import { topK } from '../../../lib/classification';
import { useRunStore } from '../../../state/run';
import { useViewQuery } from '../../../state/view-query';
import { fixed } from '../../../ui/format';
import { ImageCanvas, imagePixels, shortName, useImageLogits } from './common';
import { SaliencyLegend, saliencyColour } from './saliency-colour';

/** A map of H×W×C values as H×W, each pixel the sum over its channels. */
function perPixel(values: Float32Array, [h, w, c]: readonly number[]): Float32Array {
  if (c === 1) return values;
  return Float32Array.from({ length: h! * w! }, (_, p) => {
    let sum = 0;
    for (let k = 0; k < c!; k++) sum += values[p * c! + k]!;
    return sum;
  });
}

function SaliencyMap({
  values,
  shape,
  label,
}: {
  values: Float32Array;
  shape: readonly [number, number, number];
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w] = shape;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const map = perPixel(values, shape);
    const max = map.reduce((m, v) => Math.max(m, Math.abs(v)), 1e-12);
    const img = ctx.createImageData(w, h);
    for (let i = 0; i < h * w; i++) {
      // White at 0; crimson for positive attribution, blue for negative (the legend's colours).
      img.data.set([...saliencyColour(map[i]! / max), 255], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }, [values, shape, h, w]);
  return (
    <canvas
      ref={ref}
      width={w}
      height={h}
      style={{ width: 112, height: 112, imageRendering: 'pixelated' }}
      role="img"
      aria-label={label}
    />
  );
}

export function SaliencyPanel() {
  const { data, teacher, student, lane } = useImageLogits();
  const selected = useRunStore((s) => s.selected);
  // Recomputed when the selection changes and at each new evaluation; every lane's map comes at once.
  const answer = useViewQuery('saliency', selected === null ? null : { index: selected });
  if (!data?.testImages || selected === null) {
    return (
      <aside className="card saliency empty" aria-label="Explanation">
        <p className="muted">Click a test image to compare what the teacher and the student look at.</p>
      </aside>
    );
  }
  const maps = answer?.value;
  const current = maps
    ? { teacher: maps.teacher, student: maps.lanes[lane] ?? maps.lanes[0]!, predicted: maps.predicted }
    : null;
  const per = imagePixels(data.imageShape);
  const agreement = current
    ? mapAgreement(current.teacher, current.student, foreground(data.testImages, 0, selected * per, per))
    : null;
  return (
    <aside className="card saliency" aria-label="Explanation">
      <header className="card-header">
        <strong>Test image #{selected}</strong>
        <span className="muted">true class {shortName(data.testY![selected]!, data)}</span>
      </header>
      <div className="saliency-row">
        <figure>
          <ImageCanvas
            pixels={data.testImages}
            index={selected}
            shape={data.imageShape}
            invert={data.invert}
            size={112}
            label={`Test image ${selected}`}
          />
          <figcaption>Image</figcaption>
        </figure>
        {current ? (
          <>
            <figure>
              <SaliencyMap values={current.teacher} shape={data.imageShape} label="Teacher saliency" />
              <figcaption>Teacher</figcaption>
            </figure>
            <figure>
              <SaliencyMap values={current.student} shape={data.imageShape} label="Student saliency" />
              <figcaption>Student</figcaption>
            </figure>
          </>
        ) : (
          <p className="muted">Computing saliency…</p>
        )}
      </div>
      {current ? <SaliencyLegend /> : null}
      {current && agreement ? (
        <p className="saliency-stats">
          Gradient × input of “{shortName(current.predicted, data)}” (the teacher’s class), over foreground pixels:
          cosine <strong>{fixed(agreement.cosine, 2)}</strong>, Spearman ρ(|a|){' '}
          <strong>{fixed(agreement.spearman, 2)}</strong>
        </p>
      ) : null}
      {teacher && student ? (
        <div className="saliency-top3">
          {[
            ['Teacher', teacher],
            ['Student', student],
          ].map(([who, logits]) => (
            <div key={who as string}>
              <h4>{who as string}</h4>
              <ol>
                {topK(logits as Float32Array, selected, data.classes).map(({ cls, p }) => (
                  <li key={cls}>
                    <span>{shortName(cls, data)}</span>
                    <span className="prob-track">
                      <span className="prob-fill" style={{ width: `${p * 100}%` }} />
                    </span>
                    <span>{(p * 100).toFixed(1)}%</span>
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </div>
      ) : null}
    </aside>
  );
}
