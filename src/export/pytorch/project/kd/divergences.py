"""Shared building blocks of the objectives (port of src/objectives/divergences.ts).

Conventions, as in the studio: divergences work on log-probabilities, are summed over classes,
then averaged over valid rows (a token-mean Σm·x/Σm when there is a mask). Natural logarithms.
p is the teacher's distribution, q the student's. Every function keeps the TS order of float
ops; `ops` rounds like tfjs's cpu backend (see tfops.py).
"""

from __future__ import annotations

import math
from typing import Optional

import torch
from torch import Tensor

from . import tfops as ops
from .base import LossInputs


def log_softmax_t(logits: Tensor, T: float) -> Tensor:
    """log softmax(z / T) over the last axis (no division at T = 1, as in the TS)."""
    return ops.log_softmax(logits if T == 1 else logits / T)


def kl_rows(log_a: Tensor, log_b: Tensor) -> Tensor:
    """Per-row KL(a‖b) = Σ_v a_v (log a_v − log b_v), from log-probabilities."""
    return ops.sum(ops.exp(log_a) * (log_a - log_b), -1)


def entropy_rows(log_a: Tensor) -> Tensor:
    """Per-row entropy H(a) = −Σ a log a, from log-probabilities."""
    return -ops.sum(ops.exp(log_a) * log_a, -1)


def log_mixture(log_a: Tensor, log_b: Tensor, w: float) -> Tensor:
    """log(w·a + (1 − w)·b) from log a and log b, as a log-sum-exp (TRL's generalized_jsd_loss)."""
    if w >= 1:
        return log_a
    if w <= 0:
        return log_b
    return ops.logsumexp(torch.stack([log_a + math.log(w), log_b + math.log(1 - w)]), 0)


def one_hot(labels: Tensor, classes: int) -> Tensor:
    """float32 one-hot rows; a label outside [0, classes) gives a row of zeros, as tf.oneHot."""
    idx = labels.long()
    valid = (idx >= 0) & (idx < classes)
    out = torch.zeros(idx.shape[0], classes, dtype=torch.float32, device=labels.device)
    out[valid, idx[valid]] = 1.0
    return out


def cross_entropy_rows(logits: Tensor, labels: Tensor) -> Tensor:
    """Per-row cross-entropy −log softmax(z)[y] at T = 1 (a one-hot product, as the TS)."""
    return -ops.sum(one_hot(labels, logits.shape[-1]) * ops.log_softmax(logits), -1)


def masked_mean(per_row: Tensor, mask: Optional[Tensor] = None) -> Tensor:
    """Mean over valid rows: Σ m·x / max(Σ m, 1) (all rows when there is no mask)."""
    if mask is None:
        return ops.mean(per_row)
    return ops.sum(per_row * mask) / torch.clamp(ops.sum(mask), min=1)


def hard_label_loss(inputs: LossInputs) -> Tensor:
    """CE(y, softmax(z_s)) at T = 1 over rows whose label is real (`label_mask`: transfer-set
    rows carry the teacher's class instead) and valid (`mask`, token-mean)."""
    mask, label_mask = inputs.mask, inputs.label_mask
    if mask is not None and label_mask is not None:
        rows: Optional[Tensor] = mask * label_mask
    else:
        rows = label_mask if label_mask is not None else mask
    return masked_mean(cross_entropy_rows(inputs.student_logits, inputs.labels), rows)


def mix_with_hard_labels(ce: Tensor, kd: Tensor, alpha: float, inputs: LossInputs) -> Tensor:
    """(1 − α)·CE + w·KD with w = α when the batch has a real label among its valid rows and
    w = 1 when it has none (a student-generated, on-policy batch: GKD's loss there is the
    divergence alone). Decided on the device from `label_mask`, as the TS does."""
    ce_term = ce * (1 - alpha)
    label_mask, mask = inputs.label_mask, inputs.mask
    if label_mask is None or alpha == 1:
        return ce_term + kd * alpha
    rows = mask * label_mask if mask is not None else label_mask
    labelled = (ops.sum(rows) > 0).to(torch.float32)
    # w = 1 − (1 − α)·labelled: α with labels, 1 without.
    w = 1 - labelled * (1 - alpha)
    return ce_term + kd * w


def smooth_l1(a: Tensor, b: Tensor) -> Tensor:
    """Smooth L1 (Huber, β = 1) averaged over all elements, as torch's F.smooth_l1_loss, in the
    TS's form ½c² + (|d| − c) with c = min(|d|, 1) (the same value and gradient)."""
    d = ops.abs(a - b)
    c = torch.clamp(d, max=1)  # tf.minimum(d, 1): gradient where d ≤ 1, as here
    return ops.mean(torch.square(c) * 0.5 + (d - c))
