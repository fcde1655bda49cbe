/**
 * Pieces the image views share, for any image task (Fashion-MNIST, a folder of the user's
 * images): drawing an image of the task's shape, short class names, the lane's logits. What
 * differs between tasks comes from the task's preview (ImageSetPreview), never from its kind.
 */
import { useEffect, useRef } from 'react';
import { useRunStore } from '../../../state/run';
import { isImageSet, type ImageSetPreview } from '../preview';
import type { HeldOutLogits } from '../../../ui/views/classification/types';

type Names = Pick<ImageSetPreview, 'classNames' | 'shortNames'>;

/** A class's name short enough for a thumbnail. */
export function shortName(c: number, names?: Names): string {
  return names?.shortNames?.[c] ?? names?.classNames[c] ?? `class ${c}`;
}

/** Pixels of one image of `shape`. */
export const imagePixels = ([h, w, c]: readonly number[]): number => h! * w! * c!;

/** One image (uint8, row-major H×W×C) of the task drawn at `size` CSS pixels. */
export function ImageCanvas({
  pixels,
  index,
  shape,
  invert = false,
  size,
  label,
}: {
  pixels: Uint8Array;
  /** Which image of `pixels`. */
  index: number;
  shape: readonly [number, number, number];
  invert?: boolean;
  size: number;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w, c] = shape;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(w, h);
    const offset = index * h * w * c;
    for (let i = 0; i < h * w; i++) {
      const at = offset + i * c;
      const rgb = c === 3 ? [pixels[at]!, pixels[at + 1]!, pixels[at + 2]!] : [pixels[at]!, pixels[at]!, pixels[at]!];
      img.data.set(invert ? rgb.map((v) => 255 - v) : rgb, i * 4);
      img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels, index, h, w, c, invert]);
  return (
    <canvas
      ref={ref}
      width={w}
      height={h}
      style={{ width: size, height: size, imageRendering: 'pixelated' }}
      role="img"
      aria-label={label}
    />
  );
}

/** Test logits of the teacher and of the student lane the views show (image tasks). */
export function useImageLogits() {
  const views = useRunStore((s) => s.views);
  const lane = useRunStore((s) => s.lane);
  const data = useRunStore((s) => (isImageSet(s.data) ? s.data : undefined));
  const l = Math.min(lane, (views?.lanes.length ?? 1) - 1);
  return { data, teacher: views?.teacher.test, student: views?.lanes[l]?.test, step: views?.step, lane: l };
}

const NO_NAMES: string[] = [];

/** The short class names of the image task shown (the per-class charts' labels). */
export function useShortNames(): string[] {
  const data = useRunStore((s) => (isImageSet(s.data) ? s.data : undefined));
  return data?.shortNames ?? data?.classNames ?? NO_NAMES;
}

/** The same logits as the shared classification views take them. */
export function useHeldOutLogits(): HeldOutLogits {
  const { data, teacher, student, lane } = useImageLogits();
  return {
    labels: data?.testY,
    teacher,
    student,
    classes: data?.classes ?? 0,
    names: data?.classNames,
    shortName: (c) => shortName(c, data),
    noun: 'image',
    lane,
  };
}
