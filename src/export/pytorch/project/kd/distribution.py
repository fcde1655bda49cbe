"""The objectives that share one shape (port of src/objectives/distribution.ts and the modules
hinton, reverse-kl, jsd, tvd, skew-kl, skew-reverse-kl, ab-divergence):

    L = (1 − α)·CE(y, softmax(z_s)) + α·s·D(p, q),  p = softmax(z_t/T), q = softmax(z_s/T),

with s = T² when "T² scaling" (t2) is on and 1 otherwise. On a batch without real labels the
divergence has weight 1 instead of α (mix_with_hard_labels). Each objective only says what the
per-row divergence D is and which defaults its official code uses.
"""

from __future__ import annotations

from typing import Callable, Optional

import torch
from torch import Tensor

from . import tfops as ops
from .base import LossInputs, LossResult, Objective, ObjectiveState, ParamSpec, require_teacher
from .divergences import hard_label_loss, kl_rows, log_mixture, log_softmax_t, masked_mean, mix_with_hard_labels

Params = dict[str, float]
#: Per-row divergence from log-probabilities of teacher (log_p) and student (log_q).
Rows = Callable[[Tensor, Tensor, Params], Tensor]


def temperature_param(T: float) -> ParamSpec:
    return ParamSpec("T", "Temperature T", T)


def kd_weight_param(alpha: float) -> ParamSpec:
    return ParamSpec("alpha", "KD weight α", alpha)


class DivergenceObjective(Objective):
    components = ["kd", "ce"]
    schedulable = {"temperature": "T", "weight": "alpha"}

    def __init__(
        self,
        id: str,
        name: str,
        label: str,
        rows: Rows,
        T: float,
        alpha: float,
        t2: int,
        extra: Optional[list[ParamSpec]] = None,
    ) -> None:
        self.id, self.name, self.rows = id, name, rows
        self.component_labels = [label, "CE(y, q)"]
        self.params = [
            temperature_param(T),
            kd_weight_param(alpha),
            ParamSpec("t2", "T² scaling", t2),
            *(extra or []),
        ]

    def loss(self, inputs: LossInputs, params: Params, state: Optional[ObjectiveState] = None) -> LossResult:
        p = self.full(params)
        T, alpha, t2 = p["T"], p["alpha"], p["t2"]
        teacher = require_teacher(inputs, self.name)
        log_p = log_softmax_t(teacher, T)
        log_q = log_softmax_t(inputs.student_logits, T)
        d = masked_mean(self.rows(log_p, log_q, p), inputs.mask)
        kd = d * (T * T) if t2 else d
        ce = hard_label_loss(inputs)
        return LossResult(mix_with_hard_labels(ce, kd, alpha, inputs), {"kd": kd, "ce": ce})


def jsd_rows(log_p: Tensor, log_q: Tensor, params: Params) -> Tensor:
    """TRL's generalized JSD: β·KL(p‖M) + (1 − β)·KL(q‖M), M = β·p + (1 − β)·q; β = 0 is
    exactly forward KL, β = 1 reverse KL (special-cased as TRL does)."""
    beta = params["beta"]
    if beta <= 0:
        return kl_rows(log_p, log_q)
    if beta >= 1:
        return kl_rows(log_q, log_p)
    log_m = log_mixture(log_p, log_q, beta)
    return kl_rows(log_p, log_m) * beta + kl_rows(log_q, log_m) * (1 - beta)


def tvd_rows(log_p: Tensor, log_q: Tensor, params: Params) -> Tensor:
    """Total variation ½·Σ|p − q|."""
    return ops.sum(ops.abs(ops.exp(log_p) - ops.exp(log_q)), -1) * 0.5


def ab_rows(log_p: Tensor, log_q: Tensor, params: Params) -> Tensor:
    """ABKD's α-β divergence −1/(αβ)·Σ [p^α q^β − α/(α+β)·p^(α+β) − β/(α+β)·q^(α+β)], with the
    log-ratio limits at α = 0 or β = 0; powers as exp(a·log x)."""
    a, b = params["abAlpha"], params["abBeta"]

    def pow_(log_x: Tensor, e: float) -> Tensor:
        return ops.exp(log_x * e)

    if a == 0 and b == 0:
        return ops.sum(torch.square(log_p - log_q), -1) * 0.5
    if a == 0:
        # 1/β²·Σ [q^β·β·(log q − log p) − q^β + p^β]
        qb = pow_(log_q, b)
        return ops.sum(qb * ((log_q - log_p) * b) - qb + pow_(log_p, b), -1) / (b * b)
    if b == 0:
        pa = pow_(log_p, a)
        return ops.sum(pa * ((log_p - log_q) * a) - pa + pow_(log_q, a), -1) / (a * a)
    cross = ops.exp(log_p * a + log_q * b)
    terms = cross - pow_(log_p, a + b) * (a / (a + b)) - pow_(log_q, a + b) * (b / (a + b))
    return ops.sum(terms, -1) / (-a * b)


_SKEW = ParamSpec("skew", "Skew α", 0.1)

HINTON = DivergenceObjective(
    "hinton", "Forward KL (Hinton KD)", "KL(p‖q)", lambda lp, lq, _: kl_rows(lp, lq), T=4, alpha=0.9, t2=1
)
REVERSE_KL = DivergenceObjective(
    "reverse-kl", "Reverse KL (MiniLLM)", "KL(q‖p)", lambda lp, lq, _: kl_rows(lq, lp), T=1, alpha=1, t2=0
)
JSD = DivergenceObjective(
    "jsd",
    "Generalized JSD (GKD)",
    "JSD_β(p, q)",
    jsd_rows,
    T=1,
    alpha=1,
    t2=0,
    extra=[ParamSpec("beta", "β (0 = forward KL, 1 = reverse KL)", 0.5)],
)
TVD = DivergenceObjective("tvd", "Total variation distance", "TVD(p, q)", tvd_rows, T=1, alpha=1, t2=0)
# Skew KL: KL(p ‖ α·p + (1 − α)·q); skew reverse KL: KL(q ‖ α·q + (1 − α)·p) (DistiLLM).
SKEW_KL = DivergenceObjective(
    "skew-kl",
    "Skew KL (DistiLLM)",
    "SKL(p, q)",
    lambda lp, lq, p: kl_rows(lp, log_mixture(lp, lq, p["skew"])),
    T=1,
    alpha=1,
    t2=0,
    extra=[_SKEW],
)
SKEW_REVERSE_KL = DivergenceObjective(
    "skew-reverse-kl",
    "Skew reverse KL (DistiLLM)",
    "SRKL(p, q)",
    lambda lp, lq, p: kl_rows(lq, log_mixture(lq, lp, p["skew"])),
    T=1,
    alpha=1,
    t2=0,
    extra=[_SKEW],
)
AB = DivergenceObjective(
    "ab",
    "α-β divergence (ABKD)",
    "D_AB(p, q)",
    ab_rows,
    T=1,
    alpha=1,
    t2=0,
    extra=[ParamSpec("abAlpha", "AB α", 0.5), ParamSpec("abBeta", "AB β", 0.5)],
)
