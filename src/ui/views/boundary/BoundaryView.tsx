/**
 * Decision boundaries of the teacher and the student, and where they disagree, with the test
 * points on top, for any task whose inputs are two numbers (TaskData.grid): the task hands over
 * its test points and the grid's extent. Click a point to inspect both models' probabilities for it.
 */
import { useMemo, useRef } from 'react';
import { argmaxRow } from '../../../lib/softmax';
import { getObjective } from '../../../objectives';
import { useConfigStore } from '../../../state/config';
import { useRunStore } from '../../../state/run';
import { PngButton } from '../../charts/PngButton';
import { usePaint } from '../../paint-queue';
import { classColor } from '../../palette';
import { LaneTabs } from '../LaneTabs';
import { paintDisagreement, paintPrediction } from './heatmap';

/** What the maps draw: the test points (row-major [n, 2]) in a square [-extent, extent]², and the grid's cells per side. */
export interface BoundaryData {
  classes: number;
  testX: Float32Array;
  testY: Int32Array;
  extent: number;
  gridSize: number;
}

const SIZE = 208;

type Painter = (img: ImageData) => void;

interface MapProps {
  title: string;
  caption: string;
  data?: BoundaryData;
  paint?: Painter;
  /** Test points to ring (e.g. where teacher and student disagree). */
  marked?: Uint8Array;
  selected: number | null;
  onSelect(i: number | null): void;
}

function toCanvas(x: number, y: number, extent: number, size: number): [number, number] {
  return [((x + extent) / (2 * extent)) * size, ((extent - y) / (2 * extent)) * size];
}

function BoundaryMap({ title, caption, data, paint, marked, selected, onSelect }: MapProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const cells = useRef<HTMLCanvasElement | null>(null);

  usePaint(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== SIZE * dpr) canvas.width = canvas.height = SIZE * dpr;
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#f8fafc';
    ctx.fillRect(0, 0, SIZE, SIZE);
    if (!data) return;
    if (paint) {
      const g = data.gridSize;
      cells.current ??= document.createElement('canvas');
      const small = cells.current;
      small.width = g;
      small.height = g;
      const sctx = small.getContext('2d')!;
      const img = sctx.createImageData(g, g);
      paint(img);
      sctx.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(small, 0, 0, SIZE, SIZE);
    }
    const n = data.testY.length;
    for (let i = 0; i < n; i++) {
      const [px, py] = toCanvas(data.testX[2 * i]!, data.testX[2 * i + 1]!, data.extent, SIZE);
      ctx.beginPath();
      ctx.arc(px, py, 3.2, 0, 2 * Math.PI);
      ctx.fillStyle = classColor(data.testY[i]!);
      ctx.fill();
      ctx.lineWidth = marked?.[i] ? 1.6 : 0.9;
      ctx.strokeStyle = marked?.[i] ? '#111827' : '#ffffff';
      ctx.stroke();
    }
    if (selected !== null && selected < n) {
      const [px, py] = toCanvas(data.testX[2 * selected]!, data.testX[2 * selected + 1]!, data.extent, SIZE);
      ctx.beginPath();
      ctx.arc(px, py, 7, 0, 2 * Math.PI);
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#111827';
      ctx.stroke();
    }
  }, [data, paint, marked, selected]);

  // Keyboard picking: arrow keys step through the test points, Escape clears the selection.
  const step = (e: React.KeyboardEvent<HTMLCanvasElement>) => {
    if (!data || data.testY.length === 0) return;
    const n = data.testY.length;
    const delta = ({ ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 } as Record<string, number>)[e.key];
    if (delta !== undefined) onSelect(selected === null ? (delta > 0 ? 0 : n - 1) : (selected + delta + n) % n);
    else if (e.key === 'Escape') onSelect(null);
    else return;
    e.preventDefault();
  };

  const pick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    if (!data) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const mx = ((e.clientX - rect.left) / rect.width) * SIZE;
    const my = ((e.clientY - rect.top) / rect.height) * SIZE;
    let best: number | null = null;
    let bestD = 10 * 10;
    for (let i = 0; i < data.testY.length; i++) {
      const [px, py] = toCanvas(data.testX[2 * i]!, data.testX[2 * i + 1]!, data.extent, SIZE);
      const d = (px - mx) ** 2 + (py - my) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    onSelect(best);
  };

  return (
    <figure className="boundary-map">
      <figcaption>
        <strong>{title}</strong>
        <span>{caption}</span>
        <PngButton title={`${title} decision boundary`} target={ref} />
      </figcaption>
      <canvas
        ref={ref}
        style={{ width: SIZE, height: SIZE }}
        onClick={pick}
        onKeyDown={step}
        tabIndex={0}
        role="img"
        aria-label={`${title}: ${caption}`}
        title="Click a test point, or focus the map and use the arrow keys, to inspect it"
      />
    </figure>
  );
}

export function BoundaryView({ data }: { data: BoundaryData | undefined }) {
  const views = useRunStore((s) => s.views);
  const selected = useRunStore((s) => s.selected);
  const select = useRunStore((s) => s.select);
  const objectives = useConfigStore((s) => s.config.lanes.map((l) => l.objective).join(','));
  const laneNames = useMemo(() => objectives.split(',').map((id) => getObjective(id).name), [objectives]);
  const lane = Math.min(
    useRunStore((s) => s.lane),
    (views?.lanes.length ?? laneNames.length) - 1,
  );
  const classes = data?.classes ?? 2;
  const teacherGrid = views?.teacher.grid;
  const studentGrid = views?.lanes[lane]?.grid;

  const disagree = useMemo(() => {
    const t = views?.teacher.test;
    const s = views?.lanes[lane]?.test;
    if (!data || !t || !s) return undefined;
    return Uint8Array.from({ length: data.testY.length }, (_, i) =>
      Number(argmaxRow(t, i * classes, classes) !== argmaxRow(s, i * classes, classes)),
    );
  }, [views, lane, data, classes]);

  return (
    <section className="boundary-view" aria-label="Decision boundaries">
      <LaneTabs />
      <div className="boundary-maps">
        <BoundaryMap
          title="Teacher"
          caption="frozen after training"
          data={data}
          paint={teacherGrid ? (img) => paintPrediction(img, teacherGrid, classes) : undefined}
          selected={selected}
          onSelect={select}
        />
        <BoundaryMap
          title={laneNames.length > 1 ? `Student ${lane + 1}` : 'Student'}
          caption={views ? `step ${views.step.toLocaleString('en-US')}` : 'not trained yet'}
          data={data}
          paint={studentGrid ? (img) => paintPrediction(img, studentGrid, classes) : undefined}
          marked={disagree}
          selected={selected}
          onSelect={select}
        />
        <BoundaryMap
          title="Disagreement"
          caption="TVD · ringed points differ"
          data={data}
          paint={
            teacherGrid && studentGrid ? (img) => paintDisagreement(img, teacherGrid, studentGrid, classes) : undefined
          }
          marked={disagree}
          selected={selected}
          onSelect={select}
        />
      </div>
    </section>
  );
}
