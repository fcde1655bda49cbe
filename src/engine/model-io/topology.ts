/** model.json's topology checked against what tfjs knows, what the manifest declares and the limits. */
import * as tf from '@tensorflow/tfjs';
import { ModelFileError, plural, reservedName, unknownLayer } from './errors';
import { isRecord, isReservedKey } from './json';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits';

/** Layer config fields that count weights: a layer can never hold fewer weights than these. */
const SIZE_FIELDS = ['units', 'filters', 'output_dim', 'input_dim'];

interface FoundLayer {
  layer: unknown;
  path: string;
  depth: number;
}

/**
 * Every layer of the topology, nested models and wrapped layers included, found with a list
 * rather than by recursing: a hostile file may nest or chain far deeper than the stack goes.
 * Stops counting past the limit, so a file of a million layers costs no more than the limit.
 */
function layersOf(modelTopology: Record<string, unknown>, limits: ImportLimits): FoundLayer[] {
  const root = isRecord(modelTopology['model_config']) ? modelTopology['model_config'] : modelTopology;
  const found: FoundLayer[] = [];
  const pending: FoundLayer[] = [{ layer: root, path: 'The model', depth: 0 }];
  const add = (layer: unknown, path: string, depth: number) => {
    if (found.length + pending.length > limits.maxLayers)
      throw new ModelFileError(
        'over-limit',
        `The model has more than ${plural(limits.maxLayers, 'layer')}: KD Studio imports models of up to ` +
          `${limits.maxLayers.toLocaleString('en-US')} layers (TensorFlow.js cannot build deeper ones in a ` +
          'browser; the deepest Keras applications have fewer than 800)',
      );
    if (depth > limits.maxNesting)
      throw new ModelFileError(
        'over-limit',
        `The model nests models or wrapped layers more than ${limits.maxNesting} levels deep (real models ` +
          'nest one or two): KD Studio cannot import it',
      );
    pending.push({ layer, path, depth });
  };
  while (pending.length > 0) {
    const next = pending.pop()!;
    found.push(next);
    const { layer, depth } = next;
    if (!isRecord(layer)) continue;
    const config = layer['config'];
    const cls = typeof layer['class_name'] === 'string' ? layer['class_name'] : 'layer';
    // Old Keras Sequential configs are a bare list of layers.
    const children = Array.isArray(config) ? config : isRecord(config) ? config['layers'] : undefined;
    const name = isRecord(config) && typeof config['name'] === 'string' ? config['name'] : cls;
    // Pushed last to first, so that layers are looked at in file order.
    if (isRecord(config))
      for (const key of ['backward_layer', 'layer'])
        if (isRecord(config[key])) add(config[key], `The ${key} of ${name}`, depth + 1);
    if (Array.isArray(children))
      for (let i = children.length - 1; i >= 0; i--) add(children[i], `Layer ${i + 1} of ${cls}`, depth + 1);
  }
  return found;
}

/** The names a layer entry gives itself and the layers it connects to (functional models). */
function namesIn(layer: Record<string, unknown>): unknown[] {
  const config = isRecord(layer['config']) ? layer['config'] : {};
  const names: unknown[] = [layer['name'], config['name']];
  // inbound_nodes: [[["dense", 0, 0, {}], …], …]; input_layers / output_layers: [["in", 0, 0], …].
  const refs = [layer['inbound_nodes'], config['input_layers'], config['output_layers']];
  for (const r of refs)
    if (Array.isArray(r))
      for (const node of r as unknown[])
        if (Array.isArray(node)) for (const edge of node as unknown[]) names.push(Array.isArray(edge) ? edge[0] : edge);
  return names.filter((n) => typeof n === 'string');
}

/**
 * The topology's layers checked without building them: at most `maxLayers` of them, nested at
 * most `maxNesting` deep (tfjs recurses per layer and per level, and a deep file would overflow
 * its stack half-way through building, leaking what it had built); every class one tfjs has
 * registered (else tfjs would build the layers before it and leak them when it stops); no name
 * that every JavaScript object already has (tfjs keys plain objects by layer name, so a layer
 * called "constructor" or "__proto__" would be confused with the object's own); and no layer
 * declaring more units or filters than the manifest has weights in total (tfjs allocates a
 * layer's weights before it compares them with the file, so a Dense of a billion units next
 * to a small manifest would be allocated first).
 */
export function checkTopology(
  modelTopology: Record<string, unknown>,
  declaredParams: number,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): void {
  const known = tf.serialization.SerializationMap.getMap().classNameMap;
  for (const { layer, path } of layersOf(modelTopology, limits)) {
    if (!isRecord(layer) || typeof layer['class_name'] !== 'string')
      throw new ModelFileError('not-layers-model', `${path} in modelTopology has no class_name, so it is not a layer`);
    const cls = layer['class_name'];
    // Own keys only: 'constructor' or 'toString' are not layers.
    if (!Object.hasOwn(known, cls)) throw unknownLayer(cls);
    const reserved = namesIn(layer).find((n) => isReservedKey(n as string));
    if (reserved !== undefined) throw reservedName('layer', reserved as string);
    const config = layer['config'];
    if (!isRecord(config)) continue;
    const name = typeof config['name'] === 'string' ? config['name'] : cls;
    for (const key of SIZE_FIELDS) {
      const v = config[key];
      if (typeof v === 'number' && v > declaredParams)
        throw new ModelFileError(
          'topology-mismatch',
          `Layer ${name} declares ${key} = ${v.toLocaleString('en-US')}, more than all ` +
            `${plural(declaredParams, 'weight')} in the weight files: the topology and the weights do not belong together`,
        );
    }
  }
}
