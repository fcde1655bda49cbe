"""Inputs of the self-test (port of src/objectives/objectives.fixtures.ts): the worked examples of
the KD reference (§5), token batches with masks, and a helper that runs an objective on lists."""

from __future__ import annotations

from typing import Optional

import torch

from .base import LossInputs, ObjectiveState
from .objectives import get_objective

Case = dict  # zt, zs, y and optionally mask, labelMask, hs, ht, step

EX1: Case = {"zt": [[2, 1, 0]], "zs": [[1, 1, 1]], "y": [0]}
EX3: Case = {"zt": [[3, 1, -1, 0]], "zs": [[1, 2, 0, 0]], "y": [0]}
TOKENS: Case = {
    "zt": [[2, 1, 0], [0, 0, 3], [1, 1, 1]],
    "zs": [[1, 1, 1], [0, 1, 2], [5, 0, 0]],
    "y": [0, 0, 0],
    "mask": [1, 1, 0],
}
# Two sequences of three tokens flattened to rows ([B·T, V]) with masks [1, 1, 0] and [1, 0, 0]:
# the first is TOKENS, the second TOKENS' pairs in the order 3, 1, 2.
TWO_SEQUENCES: Case = {
    "zt": TOKENS["zt"] + [TOKENS["zt"][2], TOKENS["zt"][0], TOKENS["zt"][1]],
    "zs": TOKENS["zs"] + [TOKENS["zs"][2], TOKENS["zs"][0], TOKENS["zs"][1]],
    "y": [0, 0, 0, 0, 0, 0],
    "mask": [1, 1, 0, 1, 0, 0],
}


def pure(**extra: float) -> dict[str, float]:
    """Pure divergence: α = 1 (no CE), no T² unless asked."""
    return {"alpha": 1, "t2": 0, **extra}


def f32(rows: list) -> torch.Tensor:
    return torch.tensor(rows, dtype=torch.float32)


def inputs_of(case: Case, step: Optional[int] = None, total_steps: int = 1_000_000) -> LossInputs:
    def opt(key: str) -> Optional[torch.Tensor]:
        return f32(case[key]) if key in case else None

    return LossInputs(
        student_logits=f32(case["zs"]),
        teacher_logits=f32(case["zt"]),
        labels=torch.tensor(case["y"], dtype=torch.int64),
        mask=opt("mask"),
        label_mask=opt("labelMask"),
        student_features=opt("hs"),
        teacher_features=opt("ht"),
        step=case.get("step", 1_000_000) if step is None else step,
        total_steps=total_steps,
    )


def evaluate(
    objective_id: str, case: Case, params: dict[str, float], state: Optional[ObjectiveState] = None
) -> tuple[float, dict[str, float]]:
    """The objective's total and parts (as floats) on `case`, missing params at their defaults."""
    obj = get_objective(objective_id)
    r = obj.loss(inputs_of(case), obj.full(params), state)
    return float(r.total), {k: float(r.parts[k]) for k in obj.components}
