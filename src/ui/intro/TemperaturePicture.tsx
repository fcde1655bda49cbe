/**
 * The card's small picture: the default teacher's probabilities for one test point at T = 1 and
 * at T = 4, as bars. The numbers come from example.ts (measured logits, said in the caption).
 */
import { classColor } from '../palette';
import { EXAMPLE, exampleProbs, pct } from './example';

function BarGroup({ T, note }: { T: number; note: string }) {
  const probs = exampleProbs(T);
  return (
    <div className="intro-bars">
      <h4>
        T = {T} <span>{note}</span>
      </h4>
      <ol aria-label={`Teacher’s probabilities at T = ${T}`}>
        {probs.map((p, c) => (
          <li key={c}>
            <span className="intro-bar-class">
              <span className="intro-swatch" style={{ background: classColor(c) }} aria-hidden="true" />
              class {c}
            </span>
            <span className="intro-track" aria-hidden="true">
              <span className="intro-fill" style={{ width: `${(p * 100).toFixed(1)}%`, background: classColor(c) }} />
            </span>
            <span className="intro-value">{pct(p)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function TemperaturePicture() {
  const [x, y] = EXAMPLE.at;
  const cool = exampleProbs(1);
  const warm = exampleProbs(EXAMPLE.T);
  const fmt = (v: number) => v.toFixed(2).replace('-', '−');
  return (
    <figure className="intro-picture">
      <div className="intro-bar-groups">
        <BarGroup T={1} note="what it predicts" />
        <BarGroup T={EXAMPLE.T} note="the soft targets" />
      </div>
      <figcaption>
        The default teacher on test point #{EXAMPLE.point} at ({fmt(x)}, {fmt(y)}), of class {EXAMPLE.trueClass}, near
        the centre where the spiral’s arms meet. At T = 1 class 0 gets {pct(cool[0]!)}; at T = {EXAMPLE.T},{' '}
        {pct(warm[0]!)}: the student is told that this point lies close to class 0. Computed from the logits z = (
        {EXAMPLE.logits.map((z) => z.toFixed(3).replace('-', '−')).join(', ')}) that this teacher gives the point when
        trained as the studio trains it (seed 42, tfjs’s cpu backend); a teacher trained in your browser lands close to
        them.
      </figcaption>
    </figure>
  );
}
