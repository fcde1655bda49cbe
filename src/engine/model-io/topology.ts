/** model.json's topology checked against what tfjs knows and what the manifest declares. */
import * as tf from '@tensorflow/tfjs';
import { ModelFileError, plural, unknownLayer } from './errors';
import { isRecord } from './json';

/** Layer config fields that count weights: a layer can never hold fewer weights than these. */
const SIZE_FIELDS = ['units', 'filters', 'output_dim', 'input_dim'];

/**
 * The topology's layers checked without building them: every class must be one tfjs has
 * registered (else tfjs would build the layers before it and leak them when it stops), and no
 * layer may declare more units or filters than the manifest has weights in total (tfjs
 * allocates a layer's weights before it compares them with the file, so a Dense of a billion
 * units next to a small manifest would be allocated first).
 */
export function checkTopology(modelTopology: Record<string, unknown>, declaredParams: number): void {
  const known = tf.serialization.SerializationMap.getMap().classNameMap;
  const visit = (layer: unknown, path: string) => {
    if (!isRecord(layer) || typeof layer['class_name'] !== 'string')
      throw new ModelFileError('not-layers-model', `${path} in modelTopology has no class_name, so it is not a layer`);
    const cls = layer['class_name'];
    // Own keys only: 'constructor' or 'toString' are not layers.
    if (!Object.hasOwn(known, cls)) throw unknownLayer(cls);
    const config = layer['config'];
    // Old Keras Sequential configs are a bare list of layers.
    const children = Array.isArray(config) ? config : isRecord(config) ? config['layers'] : undefined;
    if (Array.isArray(children)) children.forEach((c: unknown, i) => visit(c, `Layer ${i + 1} of ${cls}`));
    if (!isRecord(config)) return;
    const name = typeof config['name'] === 'string' ? config['name'] : cls;
    for (const key of ['layer', 'backward_layer'])
      if (isRecord(config[key])) visit(config[key], `The ${key} of ${name}`);
    for (const key of SIZE_FIELDS) {
      const v = config[key];
      if (typeof v === 'number' && v > declaredParams)
        throw new ModelFileError(
          'topology-mismatch',
          `Layer ${name} declares ${key} = ${v.toLocaleString('en-US')}, more than all ` +
            `${plural(declaredParams, 'weight')} in the weight files: the topology and the weights do not belong together`,
        );
    }
  };
  visit(isRecord(modelTopology['model_config']) ? modelTopology['model_config'] : modelTopology, 'The model');
}
