"""The contract every distillation objective fulfils (port of src/objectives/types.ts).

An objective computes a scalar loss from one batch of student and teacher outputs. Gradients
flow through the student only: the teacher's logits and features are constants (the loss
detaches them). Parameter keys are the studio's own (camelCase: "T", "alpha", "abAlpha",
"tStart", ...), so a lane's config params pass through unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

import torch
from torch import Tensor


@dataclass
class LossInputs:
    """What the trainer hands an objective for one batch. Rows are examples (or tokens)."""

    student_logits: Tensor  # [rows, classes], raw logits of the student being trained
    teacher_logits: Optional[Tensor]  # [rows, classes'], the frozen teacher (None: baseline)
    labels: Tensor  # [rows] int64 class (or next-token) labels
    mask: Optional[Tensor] = None  # [rows] float 1/0: rows that count (token-mean); None = all
    # [rows] float 1/0: rows with a real label. Transfer-set rows carry the teacher's class in
    # `labels` (DKD needs a class per row) but must not count in a hard-label loss. None = all.
    label_mask: Optional[Tensor] = None
    student_features: Optional[Tensor] = None  # [rows, width]: the student's last hidden layer
    teacher_features: Optional[Tensor] = None  # [rows, width']: the teacher's last hidden layer
    step: int = 0  # 0-based index of this training step
    total_steps: int = 1  # the planned number of steps


@dataclass
class LossResult:
    total: Tensor  # the scalar that is minimised
    parts: dict[str, Tensor]  # charted parts, keys = the objective's `components`
    # Values only the objective's own after_step reads (TAID: "ceForm"); never charted.
    aux: dict[str, Tensor] = field(default_factory=dict)


@dataclass
class ObjectiveState:
    """Per-lane state kept between steps: trainable extras (a FitNets projection, to be handed to
    the optimiser after the student's parameters) and values the objective updates itself after
    each step (TAID's t), 0-dim float32 tensors; `values[k]` for k in `state_columns` is charted."""

    trainable: list[torch.nn.Parameter]
    values: dict[str, Tensor]


@dataclass(frozen=True)
class ParamSpec:
    key: str
    label: str
    default: float


#: `random()`: seeded uniform numbers in [0, 1), the studio's sfc32 `next()` (see create_state).
Random = Callable[[], float]


class Objective:
    """One distillation objective; subclasses fill in the class attributes and `loss`."""

    id: str = ""
    name: str = ""
    params: list[ParamSpec] = []
    components: list[str] = []  # part keys, in the TS order (the loss record's column order)
    component_labels: list[str] = []
    state_columns: list[str] = []
    state_labels: list[str] = []
    needs_teacher: bool = True
    needs_features: bool = False
    #: Which parameters the generic schedules drive: {'temperature': 'T', 'weight': 'alpha'}.
    schedulable: dict[str, str] = {}

    def defaults(self) -> dict[str, float]:
        return {p.key: p.default for p in self.params}

    def full(self, params: dict[str, float]) -> dict[str, float]:
        """`params` with every missing key taken from the defaults (the TS destructuring)."""
        return {**self.defaults(), **params}

    def create_state(self, ctx: dict, params: dict[str, float], random: Random) -> Optional[ObjectiveState]:
        """State for one lane, or None when the objective keeps none.

        `ctx` mirrors the TS StateContext (engine/lanes.ts createLaneState): the keys
        studentFeatureDim (width of the student's last hidden layer, from the config),
        teacherFeatureDim (width of the teacher's last hidden layer, as built), batchSize, rows
        (rows per batch the loss sees: batch, or batch × context for token-level text).
        `random` must be the studio's sfc32 stream createRng(config.seed, f"state:{lane}:{id}")
        `.next()`, one stream per lane and objective; only FitNets ("features") draws from it.
        The state's tensors are created on the CPU: move `trainable` with the student (keeping
        them Parameters) and `values` with it when training elsewhere.
        """
        return None

    def loss(self, inputs: LossInputs, params: dict[str, float], state: Optional[ObjectiveState]) -> LossResult:
        raise NotImplementedError

    def after_step(
        self,
        state: Optional[ObjectiveState],
        result: LossResult,
        step: int,
        total_steps: int,
        params: dict[str, float],
    ) -> None:
        """Runs after the optimiser step with this step's result (TAID updates t). No-op here."""
        return None


def require_teacher(inputs: LossInputs, name: str) -> Tensor:
    """The teacher's logits as a constant; a clear error when an objective needs them."""
    if inputs.teacher_logits is None:
        raise ValueError(f"{name} needs teacher logits")
    return inputs.teacher_logits.detach()
