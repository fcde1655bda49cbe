/**
 * The saliency maps' colours and their legend. Each map is scaled to its own largest |value|
 * (a teacher's and a student's gradients differ in size), so the legend's ends are "the most
 * this map has", not a number shared by both: white at 0, crimson towards the class, blue away.
 */
import './saliency-legend.css';

/** RGB for a value a in [−1, 1] (a map's value over its largest |value|). */
export function saliencyColour(a: number): [number, number, number] {
  // A power below 1 so that small attributions still show.
  const t = Math.min(1, Math.abs(a) ** 0.7);
  return a >= 0 ? [255, 255 - 200 * t, 255 - 200 * t] : [255 - 200 * t, 255 - 140 * t, 255];
}

/** The legend's gradient as CSS, sampled from the very function the maps use. */
export function legendGradient(samples = 11): string {
  const stops = Array.from({ length: samples }, (_, i) => {
    const a = -1 + (2 * i) / (samples - 1);
    const [r, g, b] = saliencyColour(a).map(Math.round);
    return `rgb(${r} ${g} ${b}) ${((100 * i) / (samples - 1)).toFixed(0)}%`;
  });
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

export function SaliencyLegend() {
  return (
    <figure className="saliency-legend" aria-label="Saliency colour legend">
      <div
        className="saliency-legend-bar"
        style={{ background: legendGradient() }}
        role="img"
        aria-label="Blue: pushes away from the class; white: no effect; crimson: pushes towards the class"
      />
      <figcaption>
        <span>away from the class</span>
        <span>0</span>
        <span>towards it</span>
      </figcaption>
      <p className="saliency-legend-note">Each map is scaled to its own largest value.</p>
    </figure>
  );
}
