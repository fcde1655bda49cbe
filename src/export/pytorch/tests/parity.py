"""The Python half of models-python.test.ts, in one process (importing torch costs seconds).

    PYTHONPATH=src/export/pytorch/project python3 src/export/pytorch/tests/parity.py DIR

DIR holds what the TS side wrote (index.json, each model's files, the input, tfjs's logits,
features and gradients). For each model: build it from its files, compare the forward pass
(and, for students, the training-mode pass and the gradients of a fixed loss converted back
to tfjs's layout), then perturb its weights, save it with save_tfjs as `<id>-back` and write
torch's logits for the TS side to compare after loading those files the studio's way. Also
runs the unit tests (test_layout.py). Prints one JSON report on the last line of stdout.
"""

from __future__ import annotations

import io
import json
import os
import sys
import unittest
from typing import Any, Dict, List, Mapping

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import test_layout  # noqa: E402
from kd.keras import SUPPORTED_LAYERS  # noqa: E402
from kd.activations import ACTIVATIONS  # noqa: E402
from kd.layout import TfjsModule  # noqa: E402
from kd.models import build_from_files, save_tfjs  # noqa: E402
from kd.tfjs_io import read_tfjs  # noqa: E402

torch.set_num_threads(1)


def load(folder: str, entry: Mapping[str, Any]) -> np.ndarray:
    dtype = np.int32 if entry.get("dtype") == "int32" else np.float32
    return np.fromfile(os.path.join(folder, entry["file"]), dtype=dtype).reshape(entry["shape"])


def save(folder: str, name: str, t: torch.Tensor) -> Dict[str, Any]:
    a = t.detach().cpu().numpy().astype(np.float32)
    a.tofile(os.path.join(folder, name))
    return {"file": name, "shape": list(a.shape)}


def rel(ours: torch.Tensor, ref: np.ndarray) -> Dict[str, float]:
    """Largest difference, absolute and relative to the reference's scale (at least 1)."""
    diff = float(np.max(np.abs(ours.detach().numpy() - ref))) if ref.size else 0.0
    return {"abs": diff, "rel": diff / max(1.0, float(np.max(np.abs(ref))) if ref.size else 1.0)}


def compare_grads(module: TfjsModule, names: List[str], ref: np.ndarray, shapes: List[List[int]]) -> Dict[str, Any]:
    """Each weight's gradient (torch, converted to tfjs's layout) against tfjs's, relative to the
    larger of that weight's largest gradient and 1e-3 of the largest of all (so a weight whose
    gradient is all but zero, a dead relu's, is not judged on rounding noise alone)."""
    ours = dict(module.tfjs_weights(grad=True))
    refs, offset = {}, 0
    for name, shape in zip(names, shapes):
        size = int(np.prod(shape, dtype=np.int64))
        refs[name] = ref[offset : offset + size].reshape(shape)
        offset += size
    top = max(float(np.max(np.abs(g))) for g in refs.values())
    per: Dict[str, float] = {}
    for name, g in refs.items():
        scale = max(float(np.max(np.abs(g))), 1e-3 * top, 1e-12)
        per[name] = float(np.max(np.abs(ours[name] - g))) / scale
    worst = max(per, key=lambda n: per[n])
    return {"worstRel": per[worst], "worstWeight": worst, "weights": len(per), "maxGrad": top}


def perturb(module: TfjsModule, seed: int) -> None:
    """A different model with the same layout: every weight moved (variances kept positive)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, tensor, _ in module.bindings():
            if name.endswith("moving_variance"):
                tensor.mul_(1.25)
            else:
                tensor.add_(0.05 * torch.randn(tensor.shape, generator=g))


def run_case(folder: str, case: Mapping[str, Any]) -> Dict[str, Any]:
    model_path = os.path.join(folder, case["json"])
    module = build_from_files(model_path)
    x = torch.from_numpy(load(folder, case["x"]))
    if x.dtype == torch.int32:
        x = x.long()
    out: Dict[str, Any] = {"module": type(module).__name__}
    with torch.no_grad():
        logits, features = module(x)
    out["forward"] = {
        "logits": rel(logits, load(folder, case["logits"])),
        "features": rel(features, load(folder, case["features"])),
    }
    if case.get("train"):
        # The studio's training-mode pass: batch statistics (moving ones updated), seeded Dropout masks.
        with torch.no_grad():
            logits, features = module(x, training=True)
        t = case["train"]
        out["train"] = {
            "logits": rel(logits, load(folder, t["logits"])),
            "features": rel(features, load(folder, t["features"])),
        }
    if case.get("grads"):
        g = case["grads"]
        module.zero_grad()
        logits, features = module(x, training=bool(case.get("train")))
        loss = (logits * torch.from_numpy(load(folder, g["rLogits"]))).sum() + (
            features * torch.from_numpy(load(folder, g["rFeatures"]))
        ).sum()
        loss.backward()
        out["grads"] = compare_grads(module, g["names"], load(folder, g["values"]), g["shapes"])
    if case.get("after"):
        # The moving statistics after the two training passes, against tfjs's.
        _, after = read_tfjs(os.path.join(folder, case["after"]))
        ours = dict(module.tfjs_weights())
        out["after"] = max(float(np.max(np.abs(ours[n] - v))) for n, v in after)
    perturb(module, 7)
    save_tfjs(module, model_path, folder, f"{case['id']}-back")
    with torch.no_grad():
        logits, features = module(x)
    out["back"] = {
        "logits": save(folder, f"{case['id']}.back-logits.bin", logits),
        "features": save(folder, f"{case['id']}.back-features.bin", features),
    }
    return out


def run_unit_tests() -> Dict[str, Any]:
    stream = io.StringIO()
    result = unittest.TextTestRunner(stream=stream, verbosity=0).run(
        unittest.defaultTestLoader.loadTestsFromModule(test_layout)
    )
    problems = [f"{t.id()}: {tb}" for t, tb in result.failures + result.errors]
    return {"run": result.testsRun, "problems": problems}


def main(folder: str) -> None:
    with open(os.path.join(folder, "index.json"), encoding="utf-8") as f:
        index = json.load(f)
    report: Dict[str, Any] = {
        "unit": run_unit_tests(),
        "supported": {"layers": list(SUPPORTED_LAYERS), "activations": sorted(ACTIVATIONS)},
        "cases": {},
    }
    for case in index["cases"]:
        try:
            report["cases"][case["id"]] = run_case(folder, case)
        except Exception as e:  # one broken case must not hide the others' numbers
            report["cases"][case["id"]] = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])
