import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cnnShapes, layersMacs, modelSize, type LayerSummary } from './derived';
import { IMAGE_CONFIG, IMAGE_STUDENTS } from '../tasks/images/defaults';

describe('multiply-adds', () => {
  it('of the shipped Fashion-MNIST teacher, from its meta.json (valid 3×3 convolutions)', () => {
    const meta = JSON.parse(
      readFileSync(new URL('../../public/models/fashion-cnn/meta.json', import.meta.url), 'utf8'),
    ) as { architecture: LayerSummary[]; params: number };
    // conv1 26·26·(3·3·1·16) + conv2 11·11·(3·3·16·32) + dense 800·64 + 64·10
    const hand = 26 * 26 * 144 + 11 * 11 * 4608 + 800 * 64 + 64 * 10;
    expect(hand).toBe(706_752);
    expect(layersMacs(meta.architecture)).toBe(hand);
    expect(meta.architecture.reduce((n, l) => n + l.params, 0)).toBe(meta.params);
  });
  it('agrees with cnnShapes for a studio CNN (same padding), and knows what it does not know', () => {
    const spec = IMAGE_STUDENTS.smallCnn.spec;
    if (spec.kind !== 'cnn') throw new Error('preset');
    const s = cnnShapes(spec, [28, 28, 1], 10);
    const layers: LayerSummary[] = [
      { type: 'Conv2D', outputShape: [null, 28, 28, 4], params: 40 },
      { type: 'MaxPooling2D', outputShape: [null, 14, 14, 4], params: 0 },
      { type: 'Conv2D', outputShape: [null, 14, 14, 8], params: 296 },
      { type: 'MaxPooling2D', outputShape: [null, 7, 7, 8], params: 0 },
      { type: 'Flatten', outputShape: [null, 392], params: 0 },
      { type: 'Dense', outputShape: [null, 32], params: 392 * 32 + 32 },
      { type: 'Dense', outputShape: [null, 10], params: 330 },
    ];
    expect(layersMacs(layers)).toBe(s.macs);
    expect(modelSize(spec, IMAGE_CONFIG.task, 10)!.macs).toBe(s.macs);
    expect(layersMacs([{ type: 'LSTM', outputShape: [null, 8], params: 100 }])).toBeNaN();
  });
});
