/**
 * The committed Fashion-MNIST teachers (public/models/fashion-cnn and the smaller rungs of the
 * capacity-gap ladder, made by `npm run teacher:fashion [-- --size=...]`): each loads as the app
 * will load it, has the layers the app relies on, is the file its meta.json describes, and still
 * classifies the committed test subset.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { FASHION_TEACHERS, type FashionTeacher } from '../../config/models';
import { paramCount } from '../../lib/param-count';
import { tf, useCpu } from '../../test/tf';
import { FASHION_DIR, FASHION_FILES, FASHION_PIXELS } from './fashion';

const publicDir = fileURLToPath(new URL('../../../public/', import.meta.url));

/** The least accuracy each must keep on the first 500 committed test images (it had 0.84–0.89 on all 2,000). */
const FLOOR: Record<FashionTeacher, number> = { 'fashion-cnn': 0.85, 'fashion-cnn-xs': 0.82, 'fashion-cnn-xxs': 0.78 };

describe.each(FASHION_TEACHERS)('Fashion-MNIST teacher in public/models/%s', (id) => {
  const modelDir = `${publicDir}models/${id}/`;
  const meta = JSON.parse(readFileSync(`${modelDir}meta.json`, 'utf8')) as {
    weightsHash: string;
    params: number;
    testAccuracy: { subset2k: number };
  };
  const modelJson = JSON.parse(readFileSync(`${modelDir}model.json`, 'utf8')) as tf.io.ModelJSON;
  const weightsBin = readFileSync(`${modelDir}weights.bin`);

  /** The browser fetches model.json then its shards; here the same bytes come from disk. */
  async function loadTeacher(): Promise<tf.LayersModel> {
    const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => [
      manifest.flatMap((group) => group.weights),
      weightsBin.buffer.slice(weightsBin.byteOffset, weightsBin.byteOffset + weightsBin.byteLength),
    ]);
    return tf.loadLayersModel(tf.io.fromMemory(artifacts));
  }

  let model: tf.LayersModel;
  beforeAll(async () => {
    await useCpu();
    model = await loadTeacher();
  });

  it('is one weights shard whose hash meta.json records', () => {
    expect(modelJson.weightsManifest.map((group) => group.paths)).toEqual([['weights.bin']]);
    const hash = createHash('sha256').update(weightsBin).digest('hex').slice(0, 12);
    expect(hash).toBe(meta.weightsHash);
  });

  it('maps [n, 28, 28, 1] images to 10 logits, with the layers the app reads', () => {
    expect(model.inputs[0]!.shape).toEqual([null, 28, 28, 1]);
    expect(model.outputs[0]!.shape).toEqual([null, 10]);
    const names = model.layers.map((layer) => layer.name);
    expect(names).toContain('features');
    expect(names.at(-1)).toBe('logits');
    // Distillation applies its own temperature, so the output must be logits, not softmax.
    expect(model.getLayer('logits').getConfig().activation).toBe('linear');
    expect(model.countParams()).toBe(meta.params);
    // The capacity-gap lab's size ratio counts it the same way.
    expect(paramCount({ kind: 'pretrained', id }, [28, 28, 1], 10)).toBe(meta.params);
  });

  it('classifies the first 500 committed test images with accuracy ≥ 0.85', async () => {
    const n = 500;
    const dataDir = `${publicDir}${FASHION_DIR}/`;
    const images = gunzipSync(readFileSync(dataDir + FASHION_FILES.testImages)).subarray(0, n * FASHION_PIXELS);
    const labels = gunzipSync(readFileSync(dataDir + FASHION_FILES.testLabels)).subarray(0, n);
    const predicted = tf.tidy(() => {
      const x = tf.tensor4d(
        Float32Array.from(images, (v) => v / 255),
        [n, 28, 28, 1],
      );
      return (model.predict(x) as tf.Tensor).argMax(-1);
    });
    const classes = await predicted.data();
    predicted.dispose();
    const correct = labels.filter((y, i) => classes[i] === y).length;
    expect(correct / n).toBeGreaterThanOrEqual(FLOOR[id]);
  });
});
