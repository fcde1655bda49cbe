"""More self-test cases: TAID and the feature objectives (objectives.golden.test.ts and
objectives.behaviour.test.ts), the metrics (src/metrics/metrics.test.ts), the schedules
(src/objectives/schedule.test.ts), then the gradient checks (selftest_gradients.py)."""

from __future__ import annotations

import math
from typing import Any

import torch

from . import selftest_gradients
from .base import LossInputs, LossResult
from .divergences import entropy_rows
from .fixtures import EX1, evaluate, f32
from .metrics import agreement, ece, ece_from_confidence
from .objectives import default_params, get_objective
from .schedule import current_temperature, scheduled_params, scheduled_temperature
from .tfops import log_softmax


def close(a: float, b: float, digits: int) -> bool:
    return abs(a - b) < 10**-digits / 2


def taid_cases(c: Any) -> None:
    taid = get_objective("taid")

    def at_start():
        state = taid.create_state({}, default_params("taid"), lambda: 0.0)
        kd = evaluate("taid", EX1, {"alpha": 1}, state)[1]["kd"]
        H = float(entropy_rows(log_softmax(f32([[1.4, 1, 0.6]]))))  # 0.6·z_s + 0.4·z_t
        return close(kd, 0.051279, 5) and close(kd + H, 1.098612, 5), f"KL {kd:.6f}"

    def trace(total_steps: int) -> list[float]:
        state = taid.create_state({}, default_params("taid"), lambda: 0.0)
        out = []
        for step, value in enumerate([2.0, 1.8, 1.7, 1.65, 1.6]):
            loss = torch.tensor(value, dtype=torch.float32)
            result = LossResult(loss, {"kd": loss}, {"ceForm": loss})
            taid.after_step(state, result, step, total_steps, default_params("taid"))
            out.append(float(state.values["t"]))
        return out

    def linear():
        t = trace(10)
        return all(close(a, b, 6) for a, b in zip(t, [0.4, 0.46, 0.52, 0.58, 0.64])), str(t)

    def adaptive():
        t = trace(1_000_000)
        expected = [0.4, 0.40015007, 0.40030015, 0.40045022, 0.40060026]
        return all(abs(a - b) < 2e-7 for a, b in zip(t, expected)), str(t)

    c.run("TAID at t = 0.4, Ex.1: KL(p_t‖q) = 0.051279, CE form 1.098612", at_start)
    c.run("TAID t trace, total = 10: the linear target dominates", linear)
    c.run("TAID t trace, total = 10⁶: the adaptive δ dominates", adaptive)
    c.run("TAID updates t from the cross-entropy form (KL + H(p_t))", taid_ce_form)


def taid_ce_form() -> tuple[bool, str]:
    """Three steps on known logits against a float64 transcription of the official update."""
    taid = get_objective("taid")
    zt = [[2, 1, 0], [0, 0, 3]]
    zs_steps = [[[1, 1, 1], [0, 1, 2]], [[1.5, 1, 0.2], [0, 0.5, 2.5]], [[2, 0.8, -0.3], [-0.2, 0.1, 3]]]
    params = {**default_params("taid"), "rate": 0.05, "momentum": 0.5}
    t_start, t_end, rate, momentum = (params[k] for k in ("tStart", "tEnd", "rate", "momentum"))
    total_steps = 1_000_000

    def lsm(z: list[float]) -> list[float]:
        m = max(z)
        lse = m + math.log(sum(math.exp(v - m) for v in z))
        return [v - lse for v in z]

    def forms(zs: list[list[float]], t: float) -> tuple[float, float]:
        ce_form = kl = 0.0
        for r, row in enumerate(zs):
            log_pt = lsm([(1 - t) * v + t * zt[r][j] for j, v in enumerate(row)])
            log_q = lsm(row)
            for lp, lq in zip(log_pt, log_q):
                ce_form -= math.exp(lp) * lq
                kl += math.exp(lp) * (lp - lq)
        return ce_form / len(zs), kl / len(zs)

    def update(s: dict, loss: float, step: int) -> dict:
        if not s["started"]:
            return {**s, "prev": loss, "started": True}
        m = momentum * s["m"] + (1 - momentum) * ((s["prev"] - loss) / (s["prev"] + 1e-15))
        delta = (rate / (1 + math.exp(-m))) * (1 - s["t"])
        target = t_start + ((t_end - t_start) * step) / total_steps
        return {"t": min(t_end, max(target, s["t"] + delta)), "m": m, "prev": loss, "started": True}

    state = taid.create_state({}, params, lambda: 0.0)
    by_ce = {"t": t_start, "m": 0.0, "prev": 0.0, "started": False}
    by_kl = dict(by_ce)
    ok = True
    for step, zs in enumerate(zs_steps):
        inputs = LossInputs(f32(zs), f32(zt), torch.tensor([0, 2]), step=step, total_steps=total_steps)
        r = taid.loss(inputs, params, state)
        expected_ce, expected_kl = forms(zs, by_ce["t"])
        ok = ok and close(float(r.aux["ceForm"]), expected_ce, 5) and close(float(r.parts["kd"]), expected_kl, 5)
        taid.after_step(state, r, step, total_steps, params)
        by_ce = update(by_ce, expected_ce, step)
        by_kl = update(by_kl, forms(zs, by_kl["t"])[1], step)
        t, m = float(state.values["t"]), float(state.values["m"])
        ok = ok and abs(t - by_ce["t"]) < 1e-6 and abs(m - by_ce["m"]) < 1e-6
        if step > 0:
            ok = ok and abs(m - by_kl["m"]) > 1e-2  # the KL form would give another momentum
    return ok and by_ce["t"] > t_start, f"t {float(state.values['t']):.8f}"


def feature_cases(c: Any) -> None:
    hs = [[1, 2], [0, -1], [3, 0.5]]
    ht = [[1, 0, 2], [0.5, -1, 1], [2, 2, 0]]
    case = {"zt": [[0, 0]] * 3, "zs": [[0, 0]] * 3, "y": [0, 1, 0], "hs": hs, "ht": ht}
    features = get_objective("features")

    def with_projection():
        state = features.create_state({"studentFeatureDim": 2, "teacherFeatureDim": 3, "batchSize": 3}, {}, lambda: 0.5)
        with torch.no_grad():
            state.trainable[0].copy_(f32([[0.5, -1, 0.2], [1, 0.3, -0.4]]))
            state.trainable[1].copy_(f32([0.1, 0, -0.2]))
        return state

    def mse():
        total, parts = evaluate("features", case, {"weight": 1, "cosine": 0}, with_projection())
        return close(parts["hint"], 4.135833, 5) and close(total, 4.135833 + math.log(2), 5), f"{parts['hint']:.6f}"

    def cosine():
        hint = evaluate("features", case, {"weight": 1, "cosine": 1}, with_projection())[1]["hint"]
        return close(hint, 0.984179, 5), f"{hint:.6f}"

    def rkd():
        fc = {
            "zt": [[0, 0]] * 4,
            "zs": [[0, 0]] * 4,
            "y": [0, 0, 0, 0],
            "hs": [[0.2, 1.0], [1.5, -0.3], [-0.7, 0.4], [0.9, 0.9]],
            "ht": [[1.0, 0.0, 0.5], [0.3, -1.2, 0.8], [-0.5, 0.6, -0.1], [1.1, 1.0, 0.2]],
        }
        total, parts = evaluate("rkd", fc, {"ceWeight": 0})
        ok = close(parts["distance"], 0.038509, 5) and close(parts["angle"], 0.110198, 5) and close(total, 6.472597, 4)
        return ok, f"distance {parts['distance']:.6f}, angle {parts['angle']:.6f}, total {total:.5f}"

    c.run("FitNets hint: MSE through the learned projection = 4.135833", mse)
    c.run("DistilBERT-style cosine: mean(1 − cos) = 0.984179", cosine)
    c.run("RKD: distance 0.038509, angle 0.110198, 25·d + 50·a = 6.472597", rkd)


def metric_cases(c: Any) -> None:
    def ece_reference():
        conf = f32([0.95, 0.92, 0.9, 0.85, 0.7, 0.65, 0.55, 0.42])
        v = float(ece_from_confidence(conf, f32([1, 1, 0, 1, 1, 0, 1, 0])))
        return close(v, 0.355, 6), f"{v:.7f}"

    def ece_extremes():
        calibrated = float(ece(f32([[0, 0], [0, 0]]), torch.tensor([0, 1])))
        wrong = float(ece(f32([[5, 0]]), torch.tensor([1])))
        return close(calibrated, 0, 6) and close(wrong, 1 / (1 + math.exp(-5)), 5), f"{calibrated}, {wrong:.6f}"

    def agree(zt: list, zs: list, mask: Any = None) -> float:
        return float(agreement(f32(zt), f32(zs), None if mask is None else f32(mask)))

    def agreement_cases():
        zt = [[2, 1, 0], [3, 1, -1], [0, 0, 3]]
        zs = [[1, 1, 1], [1, 2, 0], [0, 1, 2]]
        values = [agree([[3, 1, -1, 0]], [[1, 2, 0, 0]]), agree([[2, 1, 0]], [[1, 1, 1]]), agree(zt, zs)]
        values.append(agree(zt, zs, [1, 1, 0]))
        ok = values[0] == 0 and values[1] == 1 and close(values[2], 2 / 3, 6) and close(values[3], 0.5, 6)
        return ok, str(values)

    c.run("ECE (15 bins), reference §5: 0.355", ece_reference)
    c.run("ECE is 0 when calibrated, the confidence when confidently wrong", ece_extremes)
    c.run("top-1 agreement: Ex.3 → 0, first-index ties, the mask", agreement_cases)


def schedule_cases(c: Any) -> None:
    def s(kind: str, end: float = 1, warmup: int = 0) -> dict:
        return {"temperature": kind, "temperatureEnd": end, "warmup": warmup}

    hinton, dkd, taid, baseline = (get_objective(k) for k in ("hinton", "dkd", "taid", "baseline"))
    p = {"T": 4, "alpha": 0.9, "t2": 1}

    def temperatures():
        st = scheduled_temperature
        ok = st(s("constant"), 4, 50, 100) == 4 and st(s("linear"), 4, 0, 100) == 4
        ok = ok and st(s("linear"), 4, 50, 100) == 2.5 and st(s("linear"), 4, 100, 100) == 1
        ok = ok and st(s("cosine"), 4, 0, 100) == 4 and close(st(s("cosine"), 4, 50, 100), 2.5, 12)
        ok = ok and close(st(s("cosine"), 4, 25, 100), 1 + (3 * (1 + math.sqrt(0.5))) / 2, 12)
        return ok and st(s("cosine"), 4, 200, 100) == 1, ""

    def current():
        ct = current_temperature
        ok = ct(hinton, p, s("linear"), 0, 100) == 4 and ct(hinton, p, s("linear"), 1, 100) == 4
        ok = ok and ct(hinton, p, s("linear"), 51, 100) == 2.5 and close(ct(hinton, p, s("cosine"), 51, 100), 2.5, 12)
        ok = ok and ct(hinton, p, s("cosine"), 500, 100) == 1 and ct(hinton, p, s("constant"), 51, 100) == 4
        ok = ok and ct(hinton, p, s("cosine", 2), 31, 100) == scheduled_params(hinton, p, s("cosine", 2), 30, 100)["T"]
        ok = ok and ct(taid, {"alpha": 1}, s("linear", 3), 51, 100) == 1
        return ok and ct(baseline, {}, s("linear", 3), 51, 100) == 1, ""

    def params():
        sp = scheduled_params
        ok = sp(hinton, p, s("constant", 1, 10), 4, 100) == {"T": 4, "alpha": 0.45, "t2": 1}
        ok = ok and sp(hinton, p, s("constant", 1, 10), 50, 100) == p
        ok = ok and sp(hinton, p, s("linear", 2, 0), 50, 100) == {"T": 3, "alpha": 0.9, "t2": 1}
        dkd_params = {"T": 4, "alpha": 1, "beta": 8}
        ok = ok and sp(dkd, dkd_params, s("linear", 2, 10), 50, 100) == {**dkd_params, "T": 3}
        return ok and sp(baseline, {}, s("cosine", 2, 10), 50, 100) == {}, ""

    c.run("schedules: constant, linear and cosine temperature", temperatures)
    c.run("schedules: the temperature a lane trains at now", current)
    c.run("schedules: KD-weight warm-up, only declared parameters", params)


def run_all(c: Any) -> None:
    taid_cases(c)
    feature_cases(c)
    metric_cases(c)
    schedule_cases(c)
    selftest_gradients.run_all(c)
