"""Held-out evaluation, as the studio runs it (src/engine/evaluation.ts): the task's metrics on
the test set, and for image tasks the saliency agreement with the teacher on a fixed probe."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import numpy as np
import torch

from .data import Data
from .metrics import evaluate as metric_values

FORWARD_CHUNK = 500


@torch.no_grad()
def logits_in_chunks(model: torch.nn.Module, x: torch.Tensor, chunk: int) -> torch.Tensor:
    return torch.cat([model(x[i : i + chunk])[0] for i in range(0, x.shape[0], chunk)])


def grad_times_input(model: torch.nn.Module, x: torch.Tensor, classes: torch.Tensor) -> torch.Tensor:
    """Gradient × input of the logit of each row's class (the teacher's prediction), [rows, pixels]."""
    x = x.clone().requires_grad_(True)
    logits = model(x)[0]
    picked = (logits * torch.nn.functional.one_hot(classes, logits.shape[1]).to(logits.dtype)).sum()
    (g,) = torch.autograd.grad(picked, x)
    return (g * x).detach().reshape(x.shape[0], -1)


def _ranks(v: np.ndarray) -> np.ndarray:
    """Ranks 1..n, ties sharing their average rank (src/lib/attribution.ts ranks)."""
    order = np.argsort(v, kind="stable")
    r = np.empty(len(v), dtype=np.float64)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
            j += 1
        r[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return r


def _pearson(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a - a.mean(), b - b.mean()
    va, vb = float((a * a).sum()), float((b * b).sum())
    return float((a * b).sum()) / np.sqrt(va * vb) if va and vb else 0.0


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = float((a * a).sum()), float((b * b).sum())
    return float((a * b).sum()) / np.sqrt(na * nb) if na and nb else 0.0


class Probe:
    """The first test images, the teacher's class for each, its maps, and each image's foreground pixels."""

    def __init__(self, data: Data, teacher: torch.nn.Module, size: int, root: Path):
        self.x = data.test_x[:size]
        self.classes = torch.argmax(data.teacher_test_logits[:size], dim=-1)
        self.teacher = grad_times_input(teacher, self.x, self.classes).cpu().numpy().astype(np.float64)
        flat = self.x.reshape(size, -1).cpu().numpy()
        # Gradient × input is 0 on every zero pixel, for any model: compare over the foreground only.
        self.foreground = [np.nonzero(row > 0)[0] for row in flat]

    def agreement(self, model: torch.nn.Module) -> tuple[float, float]:
        maps = grad_times_input(model, self.x, self.classes).cpu().numpy().astype(np.float64)
        n = len(self.foreground)
        cos = rho = 0.0
        for i, fg in enumerate(self.foreground):
            s, t = maps[i, fg], self.teacher[i, fg]
            cos += _cosine(s, t) / n
            rho += _pearson(_ranks(np.abs(s)), _ranks(np.abs(t))) / n
        return cos, rho


class Evaluator:
    def __init__(self, data: Data, teacher: torch.nn.Module, metrics: list[str], root: Path):
        self.data, self.metrics = data, metrics
        self.chunk = data.spec.get("evalChunk") or FORWARD_CHUNK
        size = data.spec.get("probe")
        self.probe: Optional[Probe] = Probe(data, teacher, size, root) if size else None

    def lane(self, student: torch.nn.Module) -> list[float]:
        """One lane's evaluation columns, in the studio's order: the metrics, then saliency agreement."""
        was = student.training
        student.eval()
        logits = logits_in_chunks(student, self.data.test_x, self.chunk)
        values = metric_values(self.metrics, logits, self.data.test_y, self.data.teacher_test_logits)
        if self.probe:
            values += list(self.probe.agreement(student))
        student.train(was)
        return [float(v) for v in values]


def teacher_check(data: Data, teacher: torch.nn.Module, chunk: int) -> float:
    """Largest difference between the teacher's test logits here and the studio's: the weights arrived intact."""
    return float((logits_in_chunks(teacher, data.test_x, chunk) - data.teacher_test_logits).abs().max())
