"""The objective registry (port of src/objectives/index.ts), and the entry point of the
self-test: `python -m kd.objectives --selftest` (see selftest.py).

What a training step does with an objective, as the studio's session.ts:

    params = scheduled_params(obj, lane_params, lane_schedule, step, total_steps)
    result = obj.loss(LossInputs(student_logits, teacher_logits, labels, mask, label_mask,
                                 student_features, teacher_features, step, total_steps),
                      params, state)
    result.total.backward(); optimizer.step()     # student parameters, then state.trainable
    record: total, result.parts[k] for k in obj.components,
            state.values[k] for k in obj.state_columns (read BEFORE after_step),
            params[c["key"]] for c in schedule_columns(obj)
    obj.after_step(state, result, step, total_steps, params)

with `state = obj.create_state(ctx, lane_params, random)` once per lane (see
Objective.create_state for ctx and random) and `lane_params` the lane's config params with
every default filled in. Which objectives need what:

    features (needs_features)   features (FitNets / cosine), rkd
    trainable state             features: [W, b], optimised after the student's parameters
    state updated in after_step taid: values t (charted), m, prev, started
    no teacher                  baseline
    scheduled                   T: divergences, dkd, uld; weight: alpha (divergences, taid),
                                lambda (uld); none for features, rkd, baseline
"""

from __future__ import annotations

import sys

from .base import LossInputs, LossResult, Objective, ObjectiveState, ParamSpec
from .distribution import AB, HINTON, JSD, REVERSE_KL, SKEW_KL, SKEW_REVERSE_KL, TVD
from .feature_objectives import RKD, Features
from .logit_objectives import DKD, TAID, ULD, Baseline
from .schedule import schedule_columns, scheduled_params

__all__ = [
    "LossInputs",
    "LossResult",
    "Objective",
    "ObjectiveState",
    "ParamSpec",
    "OBJECTIVES",
    "get_objective",
    "default_params",
    "loss_columns",
    "scheduled_params",
    "schedule_columns",
]

_ORDER: list[Objective] = [
    HINTON,
    REVERSE_KL,
    JSD,
    TVD,
    SKEW_KL,
    SKEW_REVERSE_KL,
    TAID(),
    DKD(),
    AB,
    Features(),
    RKD(),
    ULD(),
    Baseline(),
]

#: Every objective by id, in the studio's order.
OBJECTIVES: dict[str, Objective] = {o.id: o for o in _ORDER}


def get_objective(id: str) -> Objective:
    try:
        return OBJECTIVES[id]
    except KeyError:
        raise ValueError(f"Unknown objective “{id}”") from None


def default_params(id: str) -> dict[str, float]:
    """The objective's parameters at their defaults."""
    return get_objective(id).defaults()


def loss_columns(objective: Objective) -> list[str]:
    """One lane's columns of the studio's loss record, in order: total, parts, state, schedule."""
    return ["total", *objective.components, *objective.state_columns, *(c["key"] for c in schedule_columns(objective))]


if __name__ == "__main__":
    if sys.argv[1:] != ["--selftest"]:
        print("usage: python -m kd.objectives --selftest", file=sys.stderr)
        sys.exit(2)
    from .selftest import main

    sys.exit(main())
