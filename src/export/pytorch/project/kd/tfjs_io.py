"""TensorFlow.js model files: a model.json with a weights manifest, and the weight files it names.

The manifest is `weightsManifest: [{paths: [...], weights: [{name, shape, dtype, quantization?}]}]`:
each group's files, concatenated in `paths` order, hold its weights one after the other in
`weights` order, little-endian, with no padding. That is all tfjs's `decodeWeights` assumes,
so it is all this module assumes. Writing produces one group and one file, `<name>.bin`,
float32 only (every weight the studio trains is float32), which `tf.loadLayersModel`, the
studio's Import model and its own transformer loader all read.
"""

from __future__ import annotations

import copy
import json
import os
from typing import Any, Dict, List, Mapping, Tuple, Union

import numpy as np

NamedArrays = List[Tuple[str, np.ndarray]]

# Element types as stored ('<' little-endian, whatever the machine is).
_STORED = {"float32": np.dtype("<f4"), "int32": np.dtype("<i4"), "bool": np.dtype("?")}
# Quantized storage (tfjs's converter --quantize_*): value = stored · scale + min, or float16.
_QUANTIZED = {"uint8": np.dtype("u1"), "uint16": np.dtype("<u2"), "float16": np.dtype("<f2")}


def _decode(raw: bytes, offset: int, spec: Mapping[str, Any]) -> Tuple[np.ndarray, int]:
    shape = [int(d) for d in spec["shape"]]
    count = int(np.prod(shape, dtype=np.int64))
    dtype = spec.get("dtype", "float32")
    if dtype not in _STORED:
        raise ValueError(f"weight {spec['name']}: dtype {dtype!r} is not supported ({', '.join(_STORED)})")
    q = spec.get("quantization")
    stored = _STORED[dtype] if q is None else _QUANTIZED.get(q.get("dtype"))
    if stored is None:
        raise ValueError(f"weight {spec['name']}: quantization {q!r} is not supported ({', '.join(_QUANTIZED)})")
    end = offset + count * stored.itemsize
    if end > len(raw):
        raise ValueError(f"weight {spec['name']}: the weight files end {end - len(raw)} bytes too early")
    values = np.frombuffer(raw, dtype=stored, count=count, offset=offset)
    if q is not None and q["dtype"] != "float16":
        values = values.astype(np.float32) * np.float32(q["scale"]) + np.float32(q.get("min", 0))
    # Weights the modules use are float32; int32 and bool weights (none in the studio's models)
    # keep their type.
    out = values.astype(np.float32 if dtype == "float32" else values.dtype).reshape(shape)
    return out, end


def read_model_json(json_path: str) -> Dict[str, Any]:
    with open(json_path, "r", encoding="utf-8") as f:
        model_json = json.load(f)
    if not isinstance(model_json, dict) or not isinstance(model_json.get("weightsManifest"), list):
        raise ValueError(f"{json_path}: not a TensorFlow.js model.json (no weightsManifest)")
    return model_json


def read_tfjs(json_path: str) -> Tuple[Dict[str, Any], NamedArrays]:
    """model.json and its weights, in manifest order, as (name, float32 array) in tfjs's layout."""
    model_json = read_model_json(json_path)
    folder = os.path.dirname(os.path.abspath(json_path))
    weights: NamedArrays = []
    for g, group in enumerate(model_json["weightsManifest"]):
        raw = b""
        for path in group["paths"]:
            # Paths are relative to model.json, as tf.io.http resolves them ("./group1-shard1of1.bin").
            with open(os.path.join(folder, path), "rb") as f:
                raw += f.read()
        offset = 0
        for spec in group["weights"]:
            value, offset = _decode(raw, offset, spec)
            weights.append((spec["name"], value))
        if offset != len(raw):
            raise ValueError(
                f"{json_path}: weight group {g + 1} declares {offset} bytes, its files hold {len(raw)} "
                "(the files do not belong to this model.json)"
            )
    return model_json, weights


def write_tfjs(out_dir: str, name: str, model_json: Mapping[str, Any], weights: NamedArrays) -> str:
    """Writes `<name>.json` (model_json with a new one-file manifest) and `<name>.bin`; returns the json path.

    Every other field of model_json (modelTopology, format, config, userDefinedMetadata, …) is
    kept as given. Weights are written in the order given, which should be the order the
    template's manifest lists them (the order tfjs itself saves them in).
    """
    os.makedirs(out_dir, exist_ok=True)
    bin_name = f"{name}.bin"
    specs: List[Dict[str, Any]] = []
    chunks: List[bytes] = []
    seen = set()
    for weight_name, value in weights:
        if weight_name in seen:
            raise ValueError(f"weight {weight_name} is listed twice")
        seen.add(weight_name)
        array = np.asarray(value)
        dtype = "int32" if array.dtype == np.int32 else "float32"
        if not np.all(np.isfinite(array)) and dtype == "float32":
            raise ValueError(f"weight {weight_name} holds NaN or infinite values: not saving a broken model")
        chunks.append(np.ascontiguousarray(array, dtype=_STORED[dtype]).tobytes())
        specs.append({"name": weight_name, "shape": [int(d) for d in array.shape], "dtype": dtype})
    out = copy.deepcopy(dict(model_json))
    out["weightsManifest"] = [{"paths": [bin_name], "weights": specs}]
    with open(os.path.join(out_dir, bin_name), "wb") as f:
        f.write(b"".join(chunks))
    json_path = os.path.join(out_dir, f"{name}.json")
    with open(json_path, "w", encoding="utf-8") as f:
        json.dump(out, f)
    return json_path


def manifest_specs(model_json: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """Every weight spec of the manifest, groups flattened, in order."""
    return [spec for group in model_json["weightsManifest"] for spec in group["weights"]]


def load_json(template: Union[str, Mapping[str, Any]]) -> Dict[str, Any]:
    """A model.json given as a path or as the parsed object."""
    return read_model_json(template) if isinstance(template, str) else copy.deepcopy(dict(template))
