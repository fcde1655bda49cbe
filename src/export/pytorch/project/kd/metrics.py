"""Held-out metrics (port of src/metrics/*.ts), computed as the studio's engine/evaluation.ts
does: on the whole test set at once (the models' forward passes may be chunked, the metrics are
not), with no mask, for each student lane; the teacher's own metrics once.

Which metrics a task lists (src/tasks/<kind>/index.ts):
    laneMetrics    toy2d, images, imagefolder, table: LANE_METRICS
                   text, textfile:                     LANE_METRICS + ["perplexity"] + DRAFT_METRICS
    teacherMetrics toy2d, images, imagefolder, table: TEACHER_METRICS
                   text, textfile:                     TEACHER_METRICS + ["teacherPerplexity"]
For text the labels are the next tokens of the held-out windows and the logits have one row per
token. The studio evaluates at step 0 (before training) and after every `evalEvery` steps.
"""

from __future__ import annotations

from typing import Callable, Optional

import torch
from torch import Tensor

from . import tfops as ops
from .divergences import cross_entropy_rows, kl_rows, masked_mean

#: Computed for each student lane at every evaluation, in this order.
LANE_METRICS = ["studentAccuracy", "agreement", "kl", "ece"]
#: Computed once for the frozen teacher.
TEACHER_METRICS = ["teacherAccuracy", "teacherEce"]
ECE_BINS = 15
#: The student as a draft model (src/metrics/acceptance.ts), for the language tasks.
DRAFT_METRICS = ["acceptance", "draftChars", "greedyDraftChars"]
#: Characters the student drafts per teacher call.
DRAFT_GAMMA = 4


def accuracy(logits: Tensor, labels: Tensor, mask: Optional[Tensor] = None) -> Tensor:
    """Share of rows whose arg-max matches the label (ties go to the first index, as tf.argMax)."""
    hit = (torch.argmax(logits, -1) == labels.long()).to(torch.float32)
    return masked_mean(hit, mask)


def agreement(teacher_logits: Tensor, student_logits: Tensor, mask: Optional[Tensor] = None) -> Tensor:
    """Top-1 agreement: share of rows where teacher and student pick the same class."""
    same = (torch.argmax(teacher_logits, -1) == torch.argmax(student_logits, -1)).to(torch.float32)
    return masked_mean(same, mask)


def kl_teacher_student(teacher_logits: Tensor, student_logits: Tensor, mask: Optional[Tensor] = None) -> Tensor:
    """KL(teacher‖student) at T = 1, summed over classes, mean over rows, in nats."""
    return masked_mean(kl_rows(ops.log_softmax(teacher_logits), ops.log_softmax(student_logits)), mask)


def ece_from_confidence(
    confidence: Tensor, correct: Tensor, mask: Optional[Tensor] = None, bins: int = ECE_BINS
) -> Tensor:
    """Expected calibration error with `bins` equal-width bins ((m−1)/M, m/M] over the confidence
    (torchmetrics' default, L1): (1/n)·Σ_m |Σ_{i∈B_m} (correct_i − conf_i)|."""
    b = torch.clamp(torch.ceil(confidence * bins) - 1, 0, bins - 1).to(torch.int64)
    gap = correct - confidence
    if mask is not None:
        gap = gap * mask
    one_hot = torch.nn.functional.one_hot(b, bins).to(torch.float32)
    per_bin = ops.sum(one_hot * gap.unsqueeze(1), 0)
    n = torch.clamp(ops.sum(mask), min=1) if mask is not None else float(confidence.shape[0])
    return ops.sum(ops.abs(per_bin)) / n


def ece(logits: Tensor, labels: Tensor, mask: Optional[Tensor] = None) -> Tensor:
    confidence = torch.amax(ops.softmax(logits), -1)
    correct = (torch.argmax(logits, -1) == labels.long()).to(torch.float32)
    return ece_from_confidence(confidence, correct, mask)


def perplexity(logits: Tensor, labels: Tensor, mask: Optional[Tensor] = None) -> Tensor:
    """exp(token-mean cross-entropy of the labels), the language-model perplexity."""
    return ops.exp(masked_mean(cross_entropy_rows(logits, labels), mask))


def sampling_acceptance(teacher_logits: Tensor, student_logits: Tensor, mask: Optional[Tensor] = None) -> Tensor:
    """Per-token acceptance under speculative sampling, 1 − TVD(p, q) = Σ min(p, q), token-mean."""
    overlap = ops.sum(torch.minimum(ops.softmax(teacher_logits), ops.softmax(student_logits)), -1)
    return masked_mean(overlap, mask)


def chars_per_call(alpha: Tensor, gamma: int = DRAFT_GAMMA) -> Tensor:
    """(1 − α^(γ+1)) / (1 − α) as 1 + α + … + α^γ, summed in the studio's order (γ + 1 at α = 1)."""
    total = torch.ones_like(alpha)
    power = alpha
    for _ in range(gamma):
        total = total + power
        power = power * alpha
    return total


_Metric = Callable[[Tensor, Tensor, Tensor, Optional[Tensor]], Tensor]

#: Metric id → f(student_logits, labels, teacher_logits, mask), ids as in the studio.
METRICS: dict[str, _Metric] = {
    "studentAccuracy": lambda s, y, t, m: accuracy(s, y, m),
    "teacherAccuracy": lambda s, y, t, m: accuracy(t, y, m),
    "agreement": lambda s, y, t, m: agreement(t, s, m),
    "kl": lambda s, y, t, m: kl_teacher_student(t, s, m),
    "ece": lambda s, y, t, m: ece(s, y, m),
    "teacherEce": lambda s, y, t, m: ece(t, y, m),
    "perplexity": lambda s, y, t, m: perplexity(s, y, m),
    "teacherPerplexity": lambda s, y, t, m: perplexity(t, y, m),
    "acceptance": lambda s, y, t, m: sampling_acceptance(t, s, m),
    "draftChars": lambda s, y, t, m: chars_per_call(sampling_acceptance(t, s, m)),
    "greedyDraftChars": lambda s, y, t, m: chars_per_call(agreement(t, s, m)),
}


def evaluate(
    metric_ids: list[str],
    student_logits: Tensor,
    labels: Tensor,
    teacher_logits: Tensor,
    mask: Optional[Tensor] = None,
) -> list[float]:
    """The metrics `metric_ids` (e.g. LANE_METRICS) of one student on the held-out set, in that
    order, as float32 values read back to Python floats. For teacher metrics pass the teacher's
    logits as both student and teacher, as engine/teacher.ts does."""
    with torch.no_grad():
        values = [METRICS[m](student_logits, labels, teacher_logits, mask) for m in metric_ids]
        return [float(v) for v in torch.stack([v.to(torch.float32).reshape(()) for v in values])]
