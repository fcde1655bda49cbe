"""Hidden-feature objectives: FitNets / cosine through a learned projection, and relational KD
(ports of src/objectives/features.ts and rkd.ts). Both read the last hidden layer of student and
teacher: LossInputs.student_features (with gradient) and teacher_features (a constant)."""

from __future__ import annotations

import math
from typing import Optional

import torch
from torch import Tensor

from . import tfops as ops
from .base import LossInputs, LossResult, Objective, ObjectiveState, ParamSpec, Random
from .divergences import hard_label_loss, masked_mean, smooth_l1

Params = dict[str, float]


def _features(inputs: LossInputs, name: str) -> tuple[Tensor, Tensor]:
    if inputs.student_features is None or inputs.teacher_features is None:
        raise ValueError(f"{name} needs hidden features")
    return inputs.student_features, inputs.teacher_features.detach()


class Features(Objective):
    """FitNets (mdistiller FitNet.py): a learned linear regressor r(h) = h·W + b maps the
    student's last hidden layer to the teacher's; the hint is the MSE (mean over elements)
    between r(h_s) and h_t, or DistilBERT's 1 − cos(r(h_s), h_t) when `cosine` is on.
    L = CE + w·hint; W and b train with the student (state.trainable = [W, b])."""

    id, name = "features", "Hidden features (FitNets / cosine)"
    params = [ParamSpec("weight", "Hint weight w", 1), ParamSpec("cosine", "Cosine distance (DistilBERT)", 0)]
    components, component_labels = ["hint", "ce"], ["Hint", "CE(y, q)"]
    needs_features = True

    def create_state(self, ctx: dict, params: Params, random: Random) -> ObjectiveState:
        """W [studentFeatureDim, teacherFeatureDim] Glorot-uniform, drawn row-major from
        `random()` as (2·u − 1)·√(6/(ds + dt)) in float64 and rounded to float32; b = 0."""
        ds, dt = int(ctx["studentFeatureDim"]), int(ctx["teacherFeatureDim"])
        limit = math.sqrt(6 / (ds + dt))
        w0 = [(2 * random() - 1) * limit for _ in range(ds * dt)]
        w = torch.nn.Parameter(torch.tensor(w0, dtype=torch.float32).reshape(ds, dt))
        b = torch.nn.Parameter(torch.zeros(dt, dtype=torch.float32))
        return ObjectiveState([w, b], {})

    def loss(self, inputs: LossInputs, params: Params, state: Optional[ObjectiveState] = None) -> LossResult:
        if state is None:
            raise ValueError("Feature matching needs its projection (create_state)")
        p = self.full(params)
        hs, ht = _features(inputs, "Feature matching")
        w, b = state.trainable
        product = ops.matmul(hs, w)
        projected = product + ops.expand(b, product.shape)
        if p["cosine"]:
            dot = ops.sum(projected * ht, -1)
            norms = (ops.sum(torch.square(projected), -1) + 1e-12) * (ops.sum(torch.square(ht), -1) + 1e-12)
            hint_rows = 1 - ops.div(dot, ops.sqrt(norms))
        else:
            hint_rows = ops.mean(ops.squared_difference(projected, ht), -1)
        hint = masked_mean(hint_rows, inputs.mask)
        ce = hard_label_loss(inputs)
        return LossResult(ce + hint * p["weight"], {"hint": hint, "ce": ce})


def _pdist(e: Tensor) -> Tensor:
    """Pairwise Euclidean distances with a zero diagonal (mdistiller `_pdist`, eps 1e-12)."""
    n = e.shape[0]
    sq = ops.sum(torch.square(e), 1)
    sums = ops.expand(sq.unsqueeze(1), (n, n)) + ops.expand(sq.unsqueeze(0), (n, n))  # ‖e_i‖² + ‖e_j‖²
    d2 = sums - ops.matmul(e, e.transpose(0, 1)) * 2
    return ops.sqrt(torch.clamp(d2, min=1e-12)) * (1 - torch.eye(n, dtype=torch.float32, device=e.device))


def _normalised_distances(e: Tensor) -> Tensor:
    """Distances over their mean over the n(n − 1) off-diagonal entries (all > 0 after the clamp,
    so this is mdistiller's `d[d > 0].mean()`)."""
    n = e.shape[0]
    d = _pdist(e)
    return ops.div(d, ops.sum(d) / (n * (n - 1)))


def _angles(e: Tensor) -> Tensor:
    """Cosines of ∠(e_j − e_i, e_k − e_i) for all i, j, k: [n, n, n]. The norm is
    √(‖x‖² + 1e-24) (F.normalize's value, with a finite gradient on the zero diagonal)."""
    n, width = e.shape
    diff = ops.expand(e.unsqueeze(0), (n, n, width)) - ops.expand(e.unsqueeze(1), (n, n, width))  # [i, j] = e_j − e_i
    unit = ops.div(diff, ops.sqrt(ops.sum(torch.square(diff), -1, keepdim=True) + 1e-24))
    return ops.matmul(unit, unit.transpose(1, 2))


#: Most rows per batch the angle term can afford (it is cubic in rows).
RKD_MAX_ROWS = 256


class RKD(Objective):
    """Relational KD (mdistiller RKD.py `rkd_loss`): smooth-L1 between the batch's normalised
    pairwise distances and between its triplet angles, student vs teacher.
    L = CE_w·CE + 25·distance + 50·angle by default. Every row counts (the mask is not read)."""

    id, name = "rkd", "Relational KD (distance + angle)"
    params = [
        ParamSpec("distanceWeight", "Distance weight", 25),
        ParamSpec("angleWeight", "Angle weight", 50),
        ParamSpec("ceWeight", "CE weight", 1),
    ]
    components, component_labels = ["distance", "angle", "ce"], ["Distance", "Angle", "CE(y, q)"]
    needs_features = True

    def loss(self, inputs: LossInputs, params: Params, state: Optional[ObjectiveState] = None) -> LossResult:
        p = self.full(params)
        hs, ht = _features(inputs, "RKD")
        distance = smooth_l1(_normalised_distances(hs), _normalised_distances(ht))
        angle = smooth_l1(_angles(hs), _angles(ht))
        ce = hard_label_loss(inputs)
        total = ce * p["ceWeight"] + distance * p["distanceWeight"] + angle * p["angleWeight"]
        return LossResult(total, {"distance": distance, "angle": angle, "ce": ce})
