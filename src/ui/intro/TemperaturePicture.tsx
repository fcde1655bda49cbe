/**
 * The card's small picture: the default teacher's probabilities for one test point at T = 1 and
 * at T = 4, as bars. The numbers come from example.ts (measured logits, said in the caption).
 */
import { classColor } from '../palette';
import { EXAMPLE, exampleProbs, pct } from './example';
import { signed } from '../../lib/signed';

function BarGroup({ T, note }: { T: number; note: string }) {
  const probs = exampleProbs(T);
  return (
    <div className="intro-bars">
      <h3>
        T = {T} <span>{note}</span>
      </h3>
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
  const fmt = (v: number) => signed(v, 2);
  const fmt3 = (v: number) => signed(v, 3);
  return (
    <figure className="intro-picture">
      <div className="intro-bar-groups">
        <BarGroup T={1} note="what it predicts" />
        <BarGroup T={EXAMPLE.T} note="the soft targets" />
      </div>
      <figcaption>
        Test point #{EXAMPLE.point} at ({fmt(x)}, {fmt(y)}), of class {EXAMPLE.trueClass}, where the spiral’s arms meet:
        at T = {EXAMPLE.T} class 0 rises from {pct(cool[0]!)} to {pct(warm[0]!)}, telling the student that the point
        lies near class 0. Fixed logits ({EXAMPLE.logits.map((z) => fmt3(z)).join(', ')}): the default teacher’s for
        this point, trained by the studio’s engine (seed 42, tfjs’s cpu backend); one trained in your browser lands
        close by.
      </figcaption>
    </figure>
  );
}
