"""Recomputes the tfjs cross-check cases with the PyTorch port (objectives-crosscheck.test.ts).

    python crosscheck.py INPUT.json   (from src/export/pytorch/project, or anywhere)

INPUT holds what the studio's tfjs code computed on the cpu backend: per case and step the
batch, the loss's total, parts, aux, the gradients with respect to the student's logits (then
its features and the objective's trainable state, in that order) and TAID's state after
after_step; held-out metrics; scheduled parameters; the registry's metadata. Every case runs
twice, with kd.tfops rounding like tfjs's cpu backend and with plain PyTorch float32. Prints one
JSON line: per mode and case the largest relative differences; "problems" (state drawn from
other random numbers, missing parts) and "metadata" (registry mismatches) list what differs.
Not part of the exported project: a test tool beside it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent / "project"))

import torch  # noqa: E402
from torch import Tensor  # noqa: E402

from kd import tfops as ops  # noqa: E402
from kd.base import LossInputs, Objective, ObjectiveState  # noqa: E402
from kd.metrics import evaluate  # noqa: E402
from kd.objectives import OBJECTIVES, get_objective  # noqa: E402
from kd.schedule import schedule_columns, scheduled_params  # noqa: E402


def t32(x: Any) -> Tensor:
    return torch.tensor(x, dtype=torch.float32)


def rel(a: float, b: float) -> float:
    """|a − b| / max(|a|, |b|); 0 when both are 0."""
    scale = max(abs(a), abs(b))
    return 0.0 if a == b else abs(a - b) / scale


class Tally:
    """Largest differences and the share of bitwise-equal numbers of one case."""

    def __init__(self) -> None:
        self.values = 0.0
        self.grads = 0.0
        self.equal = 0
        self.total = 0

    def value(self, a: float, b: float) -> None:
        self.values = max(self.values, rel(a, b))
        self.equal += a == b
        self.total += 1

    def tensor(self, a: Tensor, b: Tensor) -> None:
        if a.shape != b.shape:
            self.grads = float("inf")
            return
        scale = float(b.abs().max()) if b.numel() else 0.0
        diff = float((a - b).abs().max()) if b.numel() else 0.0
        self.grads = max(self.grads, 0.0 if diff == 0 else diff / scale if scale else float("inf"))
        self.equal += int((a == b).sum())
        self.total += b.numel()


def new_state(obj: Objective, case: dict, problems: list[str]) -> Optional[ObjectiveState]:
    """The objective's state from the random numbers tfjs drew, checked against tfjs's."""
    initial = case.get("initial")
    if initial is None:
        return None
    drawn = list(initial["random"])
    used = 0

    def random() -> float:
        nonlocal used
        used += 1
        return drawn[used - 1]

    state = obj.create_state(case["ctx"], case["params"], random)
    name = f"{obj.id}: {case['name']}"
    if used != len(drawn):
        problems.append(f"{name}: create_state drew {used} random numbers, tfjs {len(drawn)}")
    trainable = state.trainable if state else []
    if len(trainable) != len(initial["trainable"]):
        problems.append(f"{name}: {len(trainable)} trainable tensors, tfjs {len(initial['trainable'])}")
    for i, (p, ts) in enumerate(zip(trainable, initial["trainable"])):
        if not torch.equal(p.detach(), t32(ts)):
            problems.append(f"{name}: trainable[{i}] differs from tfjs's initial value")
    return state


def run_case(case: dict, problems: list[str]) -> dict:
    obj = get_objective(case["objective"])
    params = case["params"]
    state = new_state(obj, case, problems)
    tally = Tally()
    for s in case["steps"]:
        b = s["batch"]
        zs = t32(b["zs"]).requires_grad_(True)
        hs = t32(b["hs"]).requires_grad_(True) if "hs" in b else None

        def opt(key: str) -> Optional[Tensor]:
            return t32(b[key]) if key in b else None

        inputs = LossInputs(zs, t32(b["zt"]), torch.tensor(b["y"]), opt("mask"), opt("labelMask"), hs, opt("ht"))
        inputs.step, inputs.total_steps = b["step"], b["totalSteps"]
        variables = [zs, *([hs] if obj.needs_features and hs is not None else []), *(state.trainable if state else [])]
        r = obj.loss(inputs, params, state)
        grads = torch.autograd.grad(r.total, variables, allow_unused=True)
        tally.value(float(r.total), s["total"])
        for kind, ours, theirs in (("part", r.parts, s["parts"]), ("aux", r.aux, s["aux"])):
            if set(ours) != set(theirs):
                problems.append(f"{obj.id}: {case['name']}: {kind} keys {sorted(ours)} vs tfjs {sorted(theirs)}")
            for k in set(ours) & set(theirs):
                tally.value(float(ours[k]), theirs[k])
        for v, g, theirs in zip(variables, grads, s["grads"]):
            tally.tensor(torch.zeros_like(v) if g is None else g, t32(theirs))
        obj.after_step(state, r, b["step"], b["totalSteps"], params)
        for k, theirs in (s.get("state") or {}).items():
            tally.value(float(state.values[k]), theirs)  # type: ignore[union-attr]
    share = tally.equal / tally.total if tally.total else 1.0
    return {
        "name": case["name"],
        "objective": obj.id,
        "values": tally.values,
        "grads": tally.grads,
        "bitwise": round(share, 4),
    }


def metric_difference(entries: list[dict]) -> float:
    worst = 0.0
    for e in entries:
        b = e["batch"]
        mask = t32(b["mask"]) if e["masked"] else None
        ours = evaluate(e["ids"], t32(b["zs"]), torch.tensor(b["y"]), t32(b["zt"]), mask)
        worst = max([worst, *(rel(a, x) for a, x in zip(ours, e["values"]))])
    return worst


def schedule_difference(entries: list[dict], problems: list[str]) -> float:
    worst = 0.0
    for e in entries:
        obj = get_objective(e["objective"])
        ours = scheduled_params(obj, obj.defaults(), e["schedule"], e["step"], e["totalSteps"])
        if set(ours) != set(e["params"]):
            problems.append(f"{obj.id}: scheduled keys {sorted(ours)} vs {sorted(e['params'])}")
            continue
        worst = max([worst, *(rel(ours[k], v) for k, v in e["params"].items())])
    return worst


def metadata_problems(entries: list[dict]) -> list[str]:
    problems: list[str] = []
    if [e["id"] for e in entries] != list(OBJECTIVES):
        problems.append(f"registry order {list(OBJECTIVES)} vs tfjs {[e['id'] for e in entries]}")
    for e in entries:
        obj = OBJECTIVES.get(e["id"])
        if obj is None:
            problems.append(f"{e['id']}: not ported")
            continue
        ours = {
            "components": [{"key": k, "label": lab} for k, lab in zip(obj.components, obj.component_labels)],
            "stateColumns": [{"key": k, "label": lab} for k, lab in zip(obj.state_columns, obj.state_labels)],
            "params": [{"key": p.key, "label": p.label, "default": p.default} for p in obj.params],
            "schedulable": obj.schedulable,
            "needs": {"teacher": obj.needs_teacher, "features": obj.needs_features},
            "scheduleColumns": schedule_columns(obj),
        }
        for k, v in ours.items():
            if v != e[k]:
                problems.append(f"{e['id']}: {k} {v} vs tfjs {e[k]}")
    return problems


def main(path: str) -> None:
    torch.set_num_threads(1)
    data = json.loads(Path(path).read_text())
    problems: list[str] = []  # of the first mode (the second finds the same)
    modes: dict[str, dict] = {}
    for mode in ("tfjs-cpu", "float32"):
        ops.use_rounding(mode)
        cases = [run_case(c, problems if mode == "tfjs-cpu" else []) for c in data["cases"]]
        modes[mode] = {"cases": cases, "metrics": metric_difference(data["metrics"])}
    ops.use_rounding("tfjs-cpu")
    schedule_issues: list[str] = []
    report = {
        "modes": modes,
        "problems": problems,
        "schedules": schedule_difference(data["schedules"], schedule_issues),
        "metadata": metadata_problems(data["metadata"]) + schedule_issues,
        "counts": {"cases": len(data["cases"]), "schedules": len(data["schedules"]), "metrics": len(data["metrics"])},
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])
