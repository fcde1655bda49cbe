/** How big an imported model may be: checked from its declarations before anything is allocated. */

export interface ImportLimits {
  /** Largest model.json and largest total of weight bytes. */
  maxBytes: number;
  /** Most weights (elements of all weight tensors) the manifest may declare. */
  maxParams: number;
  /** Most layers in the topology, nested models and wrapped layers included. */
  maxLayers: number;
  /** Deepest nesting of models and wrappers (a model in a model, Bidirectional(LSTM), …). */
  maxNesting: number;
  /** Most weight files the manifest may list (each one a request when importing from a URL). */
  maxWeightFiles: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxParams: 20_000_000,
  // The deepest Keras applications within the 20-million-weight limit have fewer than 800
  // layers (NASNetMobile 769, DenseNet169 595, DenseNet121 427); TensorFlow.js builds a model
  // by recursing once per layer and runs out of stack in a Chromium worker between 1,750 and
  // 2,000 layers (measured with chains of Dense layers). 1,000 takes every real model and
  // stays well short of the stack.
  maxLayers: 1000,
  // Real models nest one or two levels (a base model in a functional wrapper, a wrapped
  // layer); tfjs recurses deeper per level than per layer, so nesting is capped on its own.
  maxNesting: 16,
  // tensorflowjs_converter shards weights at 4 MB: 50 MB is 13 files. 32 leaves room for
  // smaller shards and keeps a URL import to a bounded number of requests.
  maxWeightFiles: 32,
};
