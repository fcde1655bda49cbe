"""Which training rows each step sees: the studio's BatchSampler and BatchPlanner
(src/engine/sampler.ts, src/engine/batches.ts), and the text task's corpus windows
(src/tasks/text/engine/batches.ts), ported so a PyTorch run draws the same indices."""
from __future__ import annotations

import math

import numpy as np

from .rng import create_rng, shuffle_in_place


def js_round(x: float) -> int:
    """JavaScript's Math.round: halves go up (Python's round() goes to even)."""
    return math.floor(x + 0.5)


class BatchSampler:
    """An endless stream of seeded epochs of a shuffled permutation; batches run across epoch boundaries."""

    def __init__(self, n: int, seed: int, label: str) -> None:
        self.n = n
        self.rng = create_rng(seed, f"sampler:{label}")
        self.order = self._shuffled()
        self.pos = 0

    def _shuffled(self) -> list[int]:
        return shuffle_in_place(list(range(self.n)), self.rng)

    def next(self, batch_size: int) -> list[int]:
        out = []
        for _ in range(batch_size):
            if self.pos == self.n:
                self.order = self._shuffled()
                self.pos = 0
            out.append(self.order[self.pos])
            self.pos += 1
        return out


class BatchPlanner:
    """A batch mixes labelled rows (at least a quarter of it) with rows of the unlabelled transfer set."""

    def __init__(self, labelled: np.ndarray, transfer: np.ndarray, seed: int) -> None:
        self.labelled = [int(i) for i in labelled]
        self.transfer = [int(i) for i in transfer]
        self.labelled_stream = BatchSampler(len(self.labelled), seed, "student")
        self.transfer_stream = BatchSampler(len(self.transfer), seed, "transfer") if self.transfer else None

    def split(self, size: int) -> tuple[int, int]:
        if self.transfer_stream is None:
            return size, 0
        nl, nt = len(self.labelled), len(self.transfer)
        share = max(nl / (nl + nt), 0.25)
        n_l = min(size, max(1, js_round(size * share)))
        return n_l, size - n_l

    def next(self, size: int) -> tuple[list[int], list[int]]:
        """Row indices of the next batch: (labelled rows, transfer rows)."""
        n_l, n_t = self.split(size)
        labelled = [self.labelled[i] for i in self.labelled_stream.next(n_l)]
        transfer = [self.transfer[i] for i in self.transfer_stream.next(n_t)] if self.transfer_stream else []
        return labelled, transfer


def corpus_window_starts(train_end: int, rows: int, context: int, seed: int, step: int, purpose: str = "windows") -> list[int]:
    """Start offsets of a step's random training windows of context + 1 ids (input and shifted label)."""
    rng = create_rng(seed, f"{purpose}:{step}")
    span = train_end - context - 1
    return [rng.int(span) for _ in range(rows)]


def window_batch(ids: np.ndarray, starts: list[int], context: int) -> tuple[np.ndarray, np.ndarray]:
    """Inputs [rows, context] and next-token labels [rows, context] cut from the corpus."""
    x = np.stack([ids[s : s + context] for s in starts])
    y = np.stack([ids[s + 1 : s + 1 + context] for s in starts])
    return x, y


def source_of(on_policy: float, sequence_kd: bool, seed: int, step: int) -> str:
    """Where a text step's windows come from: 'corpus', 'teacher' (sequence-level KD) or 'student' (on-policy)."""
    if on_policy > 0 and create_rng(seed, f"source:{step}").next() < on_policy:
        return "student"
    return "teacher" if sequence_kd else "corpus"
