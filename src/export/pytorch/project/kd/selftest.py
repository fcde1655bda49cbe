"""The self-test: the studio's golden values for every objective (src/objectives/
objectives.golden.test.ts and objectives.behaviour.test.ts), with the same tolerances, then the
gradient, metric and schedule checks of selftest_more.py. Run from the project root:

    python -m kd.objectives --selftest

One line per case, then a summary line "selftest: N cases, F failed"; exit status 1 on any
failure. `toBeCloseTo(x, d)` in the TS is |a − x| < 10^−d / 2, here `close(a, x, d)`.
"""

from __future__ import annotations

import math
from typing import Callable

import torch

from . import selftest_more
from .divergences import entropy_rows, log_softmax_t
from .fixtures import EX1, EX3, TOKENS, TWO_SEQUENCES, Case, evaluate, pure
from .objectives import default_params, get_objective


class Checker:
    """Collects one named result per case and prints it."""

    def __init__(self) -> None:
        self.cases = 0
        self.failed: list[str] = []

    def check(self, name: str, ok: bool, detail: str = "") -> None:
        self.cases += 1
        if not ok:
            self.failed.append(name)
        print(f"{'ok  ' if ok else 'FAIL'} {name}{'  (' + detail + ')' if detail else ''}")

    def run(self, name: str, body: Callable[[], tuple[bool, str]]) -> None:
        """A case whose body returns (ok, detail); an exception fails it."""
        try:
            ok, detail = body()
        except Exception as e:  # noqa: BLE001 (report and go on)
            ok, detail = False, f"{type(e).__name__}: {e}"
        self.check(name, ok, detail)


def close(a: float, b: float, digits: int) -> bool:
    return abs(a - b) < 10**-digits / 2


# objective, what, case, params, expected (reference §5), all to 1e-5.
GOLDEN: list[tuple[str, str, Case, dict, float]] = [
    ("hinton", "Ex.1 KL(p‖q)·T², T = 2", EX1, {"T": 2, "alpha": 1, "t2": 1}, 0.313684),
    ("hinton", "Ex.1 KL(p‖q), T = 2", EX1, pure(T=2), 0.078421),
    ("hinton", "Ex.1 Hinton total, y = 0, α = 0.9 (CE at T = 1)", EX1, {"T": 2, "alpha": 0.9, "t2": 1}, 0.392177),
    ("hinton", "Ex.2 forward KL, T = 1", EX1, pure(T=1), 0.266217),
    ("hinton", "Ex.3 KL·T², T = 4", EX3, {"T": 4, "alpha": 1, "t2": 1}, 0.89463),
    ("hinton", "Ex.3 forward KL, T = 1", EX3, pure(T=1), 0.842858),
    ("hinton", "masked token-mean of per-token FKL", TOKENS, pure(T=1), 0.221532),
    ("reverse-kl", "Ex.1 KL(q‖p), T = 2", EX1, pure(T=2), 0.081657),
    ("reverse-kl", "Ex.1 KL(q‖p)·T², T = 2", EX1, pure(T=2, t2=1), 0.32663),
    ("reverse-kl", "Ex.2 reverse KL", EX1, pure(), 0.308994),
    ("reverse-kl", "Ex.3 reverse KL", EX3, pure(), 0.93523),
    ("reverse-kl", "masked token-mean of per-token RKL", TOKENS, pure(), 0.287899),
    ("hinton", "token-mean pooled over two sequences (FKL)", TWO_SEQUENCES, pure(T=1), 0.897057),
    ("reverse-kl", "token-mean pooled over two sequences (RKL)", TWO_SEQUENCES, pure(), 0.531514),
    ("jsd", "Ex.1 JS (β = 0.5), T = 2", EX1, pure(T=2, beta=0.5), 0.019796),
    ("jsd", "Ex.1 TRL GJSD β = 0.1, T = 2", EX1, pure(T=2, beta=0.1), 0.007061),
    ("jsd", "Ex.1 TRL GJSD β = 0.9, T = 2", EX1, pure(T=2, beta=0.9), 0.00729),
    ("jsd", "Ex.2 JS", EX1, pure(beta=0.5), 0.068712),
    ("jsd", "Ex.2 GJSD β = 0.1", EX1, pure(beta=0.1), 0.023992),
    ("jsd", "Ex.3 JS", EX3, pure(beta=0.5), 0.203195),
    ("jsd", "β = 0 is exactly forward KL (Ex.2)", EX1, pure(beta=0), 0.266217),
    ("jsd", "β = 1 is exactly reverse KL (Ex.2)", EX1, pure(beta=1), 0.308994),
    ("tvd", "Ex.1 TVD, T = 2", EX1, pure(T=2), 0.173147),
    ("tvd", "Ex.2 TVD", EX1, pure(), 0.331908),
    ("tvd", "Ex.3 TVD", EX3, pure(), 0.606437),
    ("skew-kl", "Ex.1 SKL α = 0.1, T = 2", EX1, pure(T=2, skew=0.1), 0.063595),
    ("skew-kl", "Ex.2 SKL", EX1, pure(skew=0.1), 0.216488),
    ("skew-kl", "Ex.3 SKL", EX3, pure(skew=0.1), 0.657157),
    ("skew-reverse-kl", "Ex.1 SRKL α = 0.1, T = 2", EX1, pure(T=2, skew=0.1), 0.065114),
    ("skew-reverse-kl", "Ex.2 SRKL", EX1, pure(skew=0.1), 0.234462),
    ("skew-reverse-kl", "Ex.3 SRKL", EX3, pure(skew=0.1), 0.690448),
    ("ab", "Ex.1 ABKD (0.5, 0.5), T = 2", EX1, pure(T=2, abAlpha=0.5, abBeta=0.5), 0.079609),
    ("ab", "Ex.1 ABKD (0.2, 0.7), T = 2", EX1, pure(T=2, abAlpha=0.2, abBeta=0.7), 0.090445),
    ("ab", "Ex.2 ABKD (0.5, 0.5)", EX1, pure(abAlpha=0.5, abBeta=0.5), 0.281),
    ("ab", "(0, 1) is reverse KL (Ex.1, T = 2)", EX1, pure(T=2, abAlpha=0, abBeta=1), 0.081657),
    ("ab", "(1, 0) is forward KL (Ex.1, T = 2)", EX1, pure(T=2, abAlpha=1, abBeta=0), 0.078421),
    ("ab", "(0, 0): ½Σ(log p − log q)² (Ex.1, T = 2)", EX1, pure(T=2, abAlpha=0, abBeta=0), 0.260002),
    ("ab", "(0, 0.5) (Ex.1, T = 2)", EX1, pure(T=2, abAlpha=0, abBeta=0.5), 0.144983),
    ("ab", "(1.5, 0) (Ex.1, T = 2)", EX1, pure(T=2, abAlpha=1.5, abBeta=0), 0.045053),
    ("ab", "(1, 1): ½Σ(p − q)² (Ex.1, T = 2)", EX1, pure(T=2, abAlpha=1, abBeta=1), 0.026137),
    ("uld", "Ex.1 ULD, T = 2", EX1, {"T": 2, "lambda": 1, "ceWeight": 0}, 0.346294),
    ("uld", "Ex.2 ULD", EX1, {"lambda": 1, "ceWeight": 0}, 0.663815),
    (
        "uld",
        "teacher V = 4 vs student V = 3 (zero-padded)",
        {"zt": [[2, 0, 1, -1]], "zs": [[0, 1, 0.5]], "y": [0]},
        {"lambda": 1, "ceWeight": 0},
        0.338985,
    ),
    ("baseline", "uniform student: CE = ln 3", EX1, {}, math.log(3)),
    (
        "baseline",
        "student [2, 1, 0], labels 0 and 2: mean CE",
        {"zt": [[0, 0, 0], [0, 0, 0]], "zs": [[2, 1, 0], [2, 1, 0]], "y": [0, 2]},
        {},
        1.407606,
    ),
]


def golden_cases(c: Checker) -> None:
    for obj_id, what, case, params, expected in GOLDEN:

        def body(obj_id: str = obj_id, case: Case = case, params: dict = params, expected: float = expected):
            total, parts = evaluate(obj_id, case, params)
            pure_kd = params.get("alpha") == 1 or (params.get("lambda") == 1 and params.get("ceWeight") == 0)
            value = total if obj_id == "baseline" or not pure_kd else parts["kd"]
            ok = abs(value - expected) < 1e-5 and (not pure_kd or abs(total - expected) < 1e-5)
            return ok, f"{value:.6f} vs {expected}"

        c.run(f"golden {obj_id}: {what}", body)


def pooling_and_ce_form(c: Checker) -> None:
    def pooled():
        def rows(start: int) -> Case:
            s = slice(start, start + 3)
            return {k: TWO_SEQUENCES[k][s] for k in ("zt", "zs", "y", "mask")}

        first = evaluate("hinton", rows(0), pure(T=1))[0]
        second = evaluate("hinton", rows(3), pure(T=1))[0]
        both = evaluate("hinton", TWO_SEQUENCES, pure(T=1))[0]
        ok = (
            close(first, 0.221532, 5)
            and close(second, 2.248107, 5)
            and close(both, (2 * first + second) / 3, 5)
            and close(both, 0.897057, 5)
            and close((first + second) / 2, 1.23482, 5)
            and abs(both - (first + second) / 2) > 0.3
        )
        return ok, f"{first:.6f}, {second:.6f}, pooled {both:.6f}"

    c.run("token-mean pools the valid tokens of the batch (Σm·x/Σm)", pooled)

    def ce_form():
        H = float(entropy_rows(log_softmax_t(torch.tensor(EX1["zt"], dtype=torch.float32), 2)))
        fkl = evaluate("hinton", EX1, pure(T=2))[0]
        skl = evaluate("skew-kl", EX1, pure(T=2, skew=0.1))[0]
        ok = close(H, 1.020191, 5) and close(fkl + H, 1.098612, 5) and close(skl + H, 1.083787, 5)
        return ok, f"H {H:.6f}"

    c.run("DistiLLM's cross-entropy forms KL + H(p) (Ex.1, T = 2)", ce_form)


def dkd_cases(c: Checker) -> None:
    def ex1():
        total, parts = evaluate("dkd", EX1, {"T": 2, "alpha": 1, "beta": 8, "warmup": 1, "ceWeight": 0})
        ok = close(parts["tckd"], 0.25387, 5) and close(parts["nckd"], 0.121199, 5) and close(total, 1.223465, 5)
        return ok, f"TCKD {parts['tckd']:.6f}, NCKD {parts['nckd']:.6f}, total {total:.6f}"

    def ex3():
        total, parts = evaluate("dkd", EX3, {"T": 4, "alpha": 1, "beta": 8, "warmup": 1, "ceWeight": 0})
        p0 = float(torch.softmax(torch.tensor(EX3["zt"][0], dtype=torch.float32) / 4, -1)[0])
        ok = (
            close(parts["tckd"], 0.831596, 5)
            and close(parts["nckd"], 0.106602, 5)
            and abs(total - 1.684414) < 2e-5
            and close(parts["tckd"] + (1 - p0) * parts["nckd"], 0.89463, 5)
        )
        return ok, f"TCKD {parts['tckd']:.6f}, NCKD {parts['nckd']:.6f}, total {total:.7f}"

    def warmup():
        full = evaluate("dkd", {**EX3, "step": 99}, {"T": 4, "warmup": 100, "ceWeight": 0})[0]
        half = evaluate("dkd", {**EX3, "step": 49}, {"T": 4, "warmup": 100, "ceWeight": 0})[0]
        return close(half, full / 2, 5), f"{half:.6f} vs {full:.6f}/2"

    c.run("DKD Ex.1, T = 2: TCKD 0.253870, NCKD 0.121199, total 1.223465", ex1)
    c.run("DKD Ex.3, T = 4: TCKD 0.831596, NCKD 0.106602, total 1.684414 (2e-5)", ex3)
    c.run("DKD warms up linearly over the warm-up steps", warmup)


def label_free_cases(c: Checker) -> None:
    params = {"T": 2, "alpha": 0.9, "t2": 1}

    def no_label():
        total, parts = evaluate("hinton", {**EX1, "labelMask": [0]}, params)
        return parts["ce"] == 0 and close(parts["kd"], 0.313684, 5) and close(total, 0.313684, 5), f"{total:.6f}"

    def with_label():
        a = evaluate("hinton", {**EX1, "labelMask": [1]}, params)[0]
        b = evaluate("hinton", EX1, params)[0]
        return close(a, 0.392177, 5) and close(b, 0.392177, 5), f"{a:.6f}, {b:.6f}"

    def valid_rows_only():
        p = {"T": 1, "alpha": 0.5, "t2": 0}
        total0, parts0 = evaluate("hinton", {**TOKENS, "labelMask": [0, 0, 1]}, p)
        total1, parts1 = evaluate("hinton", {**TOKENS, "labelMask": [1, 0, 0]}, p)
        ok = parts0["ce"] == 0 and close(total0, 0.221532, 5) and parts1["ce"] > 0
        return ok and close(total1, 0.5 * parts1["ce"] + 0.5 * 0.221532, 5), f"{total0:.6f}, {total1:.6f}"

    def taid():
        obj = get_objective("taid")
        state = obj.create_state({}, default_params("taid"), lambda: 0.0)
        total0, parts0 = evaluate("taid", {**EX1, "labelMask": [0]}, {"alpha": 0.7}, state)
        total1, parts1 = evaluate("taid", {**EX1, "labelMask": [1]}, {"alpha": 0.7}, state)
        ok = close(parts0["kd"], 0.051279, 5) and close(total0, 0.051279, 5)
        return ok and close(total1, 0.3 * parts1["ce"] + 0.7 * 0.051279, 5), f"{total0:.6f}, {total1:.6f}"

    c.run("no label: total = KD (0.313684), CE part 0", no_label)
    c.run("a real label: (1 − α)·CE + α·KD = 0.392177, with or without a label mask", with_label)
    c.run("labels count among valid rows only", valid_rows_only)
    c.run("TAID: (1 − α)·CE + α·KD with labels, KD alone without", taid)


def main() -> int:
    torch.set_num_threads(1)
    c = Checker()
    golden_cases(c)
    pooling_and_ce_form(c)
    dkd_cases(c)
    label_free_cases(c)
    selftest_more.run_all(c)
    print(f"selftest: {c.cases} cases, {len(c.failed)} failed")
    return 1 if c.failed else 0
