"""Generic schedules for a lane (port of src/objectives/schedule.ts): the temperature can move
from the objective's T to a final value (linearly or along a half cosine) over the planned
steps, and the KD weight can warm up linearly from 0. Pure functions of the step, in float64
like the TS; the objective casts the numbers to float32 where it uses them.

A schedule is the lane config's own dict: {"temperature": "constant" | "linear" | "cosine",
"temperatureEnd": float, "warmup": int}.
"""

from __future__ import annotations

import math
from typing import Mapping, Optional

from .base import Objective

TEMPERATURE_SCHEDULES = ("constant", "linear", "cosine")
DEFAULT_SCHEDULE: dict = {"temperature": "constant", "temperatureEnd": 1, "warmup": 0}


def _schedule(schedule: Optional[Mapping]) -> dict:
    return {**DEFAULT_SCHEDULE, **(schedule or {})}


def scheduled_temperature(schedule: Optional[Mapping], T0: float, step: int, total_steps: int) -> float:
    """The temperature at `step` of `total_steps`, starting from T0."""
    s = _schedule(schedule)
    f = min(1, step / max(1, total_steps))
    end = s["temperatureEnd"]
    kind = s["temperature"]
    if kind == "constant":
        return T0
    if kind == "linear":
        return T0 + (end - T0) * f
    if kind == "cosine":
        return end + ((T0 - end) * (1 + math.cos(math.pi * f))) / 2
    raise ValueError(f"unknown temperature schedule {kind!r}")


def scheduled_params(
    objective: Objective, params: Mapping[str, float], schedule: Optional[Mapping], step: int, total_steps: int
) -> dict[str, float]:
    """The parameters the objective sees at `step` (0-based), schedules applied. Only keys
    present in `params` are driven (pass the lane's params with defaults filled in, as the
    studio's normalised config has them)."""
    s = _schedule(schedule)
    out = dict(params)
    t_key = objective.schedulable.get("temperature")
    if t_key and t_key in out:
        out[t_key] = scheduled_temperature(s, out[t_key], step, total_steps)
    w_key = objective.schedulable.get("weight")
    if w_key and w_key in out and s["warmup"] > 0:
        out[w_key] = out[w_key] * min(1, (step + 1) / s["warmup"])
    return out


def schedule_columns(objective: Objective) -> list[dict[str, str]]:
    """Scheduled values a lane charts ("T", then the KD weight), as {"key", "label"}."""
    labels = {p.key: p.label for p in objective.params}
    keys = [objective.schedulable.get("temperature"), objective.schedulable.get("weight")]
    return [{"key": k, "label": labels.get(k, k)} for k in keys if k]


def current_temperature(
    objective: Objective, params: Mapping[str, float], schedule: Optional[Mapping], steps_done: int, total_steps: int
) -> float:
    """The temperature a lane trains at after `steps_done` steps: its last step's (the first's
    before any); objectives without a scheduled temperature keep their T, or 1 without one."""
    key = objective.schedulable.get("temperature")
    T0 = params.get(key or "T")
    if T0 is None:
        return 1
    return scheduled_temperature(schedule, T0, max(0, steps_done - 1), total_steps) if key else T0
