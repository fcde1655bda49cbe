/** Pieces the image views share: drawing a grey-level image, short class names, the lane's logits. */
import { useEffect, useRef } from 'react';
import { useRunStore } from '../../../state/run';
import { FASHION_CLASSES } from '../fashion';
import type { HeldOutLogits } from '../../../ui/views/classification/types';

/** Short names that fit under a thumbnail. */
export const SHORT_NAMES = [
  'T-shirt',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Boot',
];

export function shortName(c: number, names?: string[]): string {
  return SHORT_NAMES[c] ?? names?.[c] ?? `class ${c}`;
}

/** A 28×28 grey-level image (uint8, row-major) drawn at `size` CSS pixels. */
export function ImageCanvas({
  pixels,
  offset,
  size,
  label,
}: {
  pixels: Uint8Array;
  offset: number;
  size: number;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      // Fashion-MNIST is light-on-dark; shown dark-on-light, as people draw clothes.
      const v = 255 - pixels[offset + i]!;
      img.data.set([v, v, v, 255], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels, offset]);
  return (
    <canvas
      ref={ref}
      width={28}
      height={28}
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
  const data = useRunStore((s) => (s.data?.kind === 'images' ? s.data : undefined));
  const l = Math.min(lane, (views?.lanes.length ?? 1) - 1);
  return { data, teacher: views?.teacher.test, student: views?.lanes[l]?.test, step: views?.step, lane: l };
}

/** The same logits as the shared classification views take them. */
export function useHeldOutLogits(): HeldOutLogits {
  const { data, teacher, student, lane } = useImageLogits();
  const names = data?.classNames;
  return {
    labels: data?.testY,
    teacher,
    student,
    classes: FASHION_CLASSES.length,
    names,
    shortName: (c) => shortName(c, names),
    noun: 'image',
    lane,
  };
}
