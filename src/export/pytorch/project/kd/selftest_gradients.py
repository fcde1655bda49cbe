"""Gradient checks of the self-test (port of src/objectives/objectives.gradients.test.ts):
autograd against central differences for every objective, in float32 with the TS's ε and
tolerance, TAID's detached target, and a check that the check can fail."""

from __future__ import annotations

from typing import Any, Callable, Optional

import torch
from torch import Tensor

from .base import LossInputs, Objective, ObjectiveState
from .objectives import OBJECTIVES, default_params, get_objective

ZT = [[0.5, -1.2, 2.0, 0.3], [1.5, 0.2, -0.7, 0.1], [-0.3, 0.8, 0.4, 1.2]]
ZS0 = [[0.1, 0.4, -0.3, 1.1], [-0.6, 0.9, 0.2, 0.05], [0.7, -0.2, 0.3, -0.4]]
HS0 = [[0.3, -0.8, 0.5], [1.1, 0.2, -0.4], [-0.5, 0.6, 0.9]]
HT = [[0.2, 0.4], [-0.9, 1.0], [0.6, -0.3]]
Y = [2, 0, 1]
EPS = 1e-2
#: |analytic − numeric| ≤ 2e-4 + 1e-2·|numeric| (the TS's bound; see its comment).
TOLERANCE = (2e-4, 1e-2)

# id, what, extra params: every objective but TAID at its defaults (T = 2), then the settings
# the TS adds.
EXTRA_CASES: list[tuple[str, str, dict]] = [
    ("ab", "α = 0, β = 0", {"abAlpha": 0, "abBeta": 0}),
    ("ab", "α = 0, β = 0.5", {"abAlpha": 0, "abBeta": 0.5}),
    ("ab", "α = 1.5, β = 0", {"abAlpha": 1.5, "abBeta": 0}),
    ("ab", "α = 0, β = 1 (reverse KL)", {"abAlpha": 0, "abBeta": 1}),
    ("ab", "α = 1, β = 0 (forward KL)", {"abAlpha": 1, "abBeta": 0}),
    ("jsd", "β = 0 (forward KL)", {"beta": 0}),
    ("jsd", "β = 1 (reverse KL)", {"beta": 1}),
    ("features", "cosine (DistilBERT)", {"cosine": 1}),
]


def f32(rows: Any) -> Tensor:
    return torch.tensor(rows, dtype=torch.float32)


def gradient_mismatches(
    variables: list[Tensor],
    loss: Callable[[], Tensor],
    numeric_loss: Optional[Callable[[], Tensor]] = None,
) -> list[str]:
    """Elements whose autograd gradient of `loss` disagrees with central differences of
    `numeric_loss` (default: `loss`) beyond TOLERANCE; each element moved by ±EPS in float32."""
    numeric_loss = numeric_loss or loss
    for v in variables:
        v.grad = None
    loss().backward()
    analytic = [v.grad.clone() for v in variables]  # type: ignore[union-attr]
    bad: list[str] = []
    for k, v in enumerate(variables):
        start = v.detach().clone()
        flat = start.reshape(-1)
        for i in range(flat.numel()):

            def at(d: float) -> float:
                moved = flat.clone()
                moved[i] += d
                with torch.no_grad():
                    v.copy_(moved.reshape(v.shape))
                    return float(numeric_loss())

            numeric = (at(EPS) - at(-EPS)) / (2 * EPS)
            a = float(analytic[k].reshape(-1)[i])
            if abs(a - numeric) > TOLERANCE[0] + TOLERANCE[1] * abs(numeric):
                bad.append(f"var{k}[{i}]: analytic {a} vs numeric {numeric}")
        with torch.no_grad():
            v.copy_(start)
    return bad


def golden_ratio_random() -> Callable[[], float]:
    """The TS test's ctx.random: varied (not constant) initial projections, k·0.618034 mod 1."""
    k = 0

    def random() -> float:
        nonlocal k
        value = (k * 0.618034) % 1
        k += 1
        return value

    return random


CTX = {"studentFeatureDim": 3, "teacherFeatureDim": 2, "batchSize": 3}


def loss_of(obj: Objective, params: dict, state: Optional[ObjectiveState]) -> tuple[list[Tensor], Callable[[], Tensor]]:
    zs = f32(ZS0).requires_grad_(True)
    hs = f32(HS0).requires_grad_(True)

    def loss() -> Tensor:
        inputs = LossInputs(zs, f32(ZT), torch.tensor(Y), None, None, hs, f32(HT), step=5, total_steps=100)
        return obj.loss(inputs, params, state).total

    # Feature objectives are also checked with respect to the features and the projection.
    variables = [zs, hs, *(state.trainable if state else [])] if obj.needs_features else [zs]
    return variables, loss


def objective_cases(c: Any) -> None:
    cases = [(o.id, "defaults", {}) for o in OBJECTIVES.values() if o.id != "taid"] + EXTRA_CASES
    for obj_id, what, extra in cases:

        def body(obj_id: str = obj_id, extra: dict = extra) -> tuple[bool, str]:
            obj = get_objective(obj_id)
            has_t = any(p.key == "T" for p in obj.params)
            params = {**default_params(obj_id), **({"T": 2} if has_t else {}), "warmup": 1, **extra}
            state = obj.create_state(CTX, params, golden_ratio_random())
            variables, loss = loss_of(obj, params, state)
            bad = gradient_mismatches(variables, loss)
            return not bad, "; ".join(bad[:3])

        c.run(f"gradient {obj_id} ({what}) matches central differences", body)


def taid_cases(c: Any) -> None:
    taid = get_objective("taid")

    def detached():
        state = taid.create_state({}, default_params("taid"), lambda: 0.0)
        zs = f32(ZS0).requires_grad_(True)
        inputs = LossInputs(zs, f32(ZT), torch.tensor(Y), step=0, total_steps=100)
        taid.loss(inputs, default_params("taid"), state).total.backward()
        target = f32(ZS0) * 0.6 + f32(ZT) * 0.4  # t = t_start = 0.4
        expected = (torch.softmax(f32(ZS0), -1) - torch.softmax(target, -1)) / 3
        worst = float((zs.grad - expected).abs().max())  # type: ignore[operator]
        return worst < 5e-7, f"max |Δ| {worst:.1e}"

    def fixed_t():
        params = {**default_params("taid"), "alpha": 0.8}
        state = taid.create_state(CTX, params, golden_ratio_random())
        t = 0.65
        state.values["t"] = torch.tensor(t, dtype=torch.float32)
        variables, loss = loss_of(taid, params, state)
        zs = variables[0]
        # The detached target is built from the point where the gradient is taken and held fixed.
        log_pt = torch.log_softmax(f32(ZS0) * (1 - t) + f32(ZT) * t, -1)

        def reference() -> Tensor:
            log_q = torch.log_softmax(zs, -1)
            kl = (log_pt.exp() * (log_pt - log_q)).sum(-1).mean()
            ce = -(torch.nn.functional.one_hot(torch.tensor(Y), 4) * log_q).sum(-1).mean()
            return kl * 0.8 + ce * 0.2

        bad = gradient_mismatches(variables, loss, reference)
        return not bad, "; ".join(bad[:3])

    c.run("TAID gradient is (q − p_t)/rows with the target detached", detached)
    c.run("TAID gradient at fixed t = differences of α·KL(p_t(stopgrad z_s)‖q) + (1 − α)·CE", fixed_t)


class _Scaled(torch.autograd.Function):
    """Σ (log softmax z)² with its true gradient scaled by `factor`."""

    @staticmethod
    def forward(ctx: Any, z: Tensor, factor: float) -> Tensor:
        ctx.save_for_backward(z)
        ctx.factor = factor
        return (torch.log_softmax(z, -1) ** 2).sum()

    @staticmethod
    def backward(ctx: Any, dy: Tensor) -> tuple[Tensor, None]:
        (z,) = ctx.saved_tensors
        g = torch.log_softmax(z, -1) * 2
        sm = torch.softmax(z, -1)
        return (g - sm * g.sum(-1, keepdim=True)) * dy * ctx.factor, None


def check_can_fail(c: Any) -> None:
    def body():
        x = f32(ZS0).requires_grad_(True)
        counts = [len(gradient_mismatches([x], lambda f=f: _Scaled.apply(x, f))) for f in (1, 0, 0.95)]
        return counts[0] == 0 and counts[1] == 12 and counts[2] > 6, f"mismatches {counts}"

    c.run("the gradient check rejects a wrong gradient (zeroed, or 5% off)", body)


def run_all(c: Any) -> None:
    objective_cases(c)
    taid_cases(c)
    check_can_fail(c)
