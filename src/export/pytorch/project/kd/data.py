"""The experiment's exact data (data/*.npy, written by the studio) and each step's batch,
drawn in the studio's order (kd/sampler.py).

Two kinds of task:
- 'rows' (toy points, images, tables): a batch is labelled rows plus rows of the unlabelled
  transfer set, whose label is the teacher's class and whose label mask is 0. The teacher's
  logits come from its cache (as in the studio) or from a forward pass (--no-teacher-cache).
- 'windows': a batch is B windows of the training part of the corpus, one label per token.

To train on more data, replace the .npy files with bigger ones of the same dtypes and shapes
per row (train_x float32 [N, ...], train_y int32 [N], labelled/transfer int32 row indices);
delete teacher_train_logits.npy and the teacher is run on the new rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import numpy as np
import torch

from .sampler import BatchPlanner, corpus_window_starts, window_batch


@dataclass
class Batch:
    x: torch.Tensor
    labels: torch.Tensor
    teacher_logits: torch.Tensor
    teacher_features: Optional[torch.Tensor] = None
    mask: Optional[torch.Tensor] = None
    label_mask: Optional[torch.Tensor] = None

    def shard(self, rank: int, world: int, rows_per_example: int) -> "Batch":
        """This rank's share of the batch (DDP): a contiguous block of examples (all the tokens of a window)."""
        if world == 1:
            return self
        n = self.x.shape[0]
        lo, hi = n * rank // world, n * (rank + 1) // world
        r = slice(lo * rows_per_example, hi * rows_per_example)
        cut = lambda t: None if t is None else t[r]  # noqa: E731
        return Batch(self.x[lo:hi], self.labels[r], self.teacher_logits[r], cut(self.teacher_features), cut(self.mask), cut(self.label_mask))


def load_array(root: Path, files: dict, name: str) -> Optional[np.ndarray]:
    rel = files.get(name)
    return None if rel is None or not (root / rel).exists() else np.load(root / rel)


class Data:
    def __init__(self, root: Path, resolved: dict, device: torch.device):
        self.spec = resolved["data"]
        files = self.spec["files"]
        self.device = device
        self.kind = self.spec["kind"]
        test_x = load_array(root, files, "test_x")
        # Token ids index an embedding: int64 in torch.
        self.test_x = torch.from_numpy(test_x.astype(np.int64) if self.kind == "windows" else test_x).to(device)
        self.test_y = torch.from_numpy(load_array(root, files, "test_y").astype(np.int64)).to(device)
        self.teacher_test_logits = torch.from_numpy(load_array(root, files, "teacher_test_logits")).to(device)
        if self.kind == "windows":
            self.corpus = load_array(root, files, "corpus").astype(np.int64)
            self.train_end = int(self.spec["trainEnd"])
            self.context = int(self.spec["context"])
            return
        self.train_x = torch.from_numpy(load_array(root, files, "train_x")).to(device)
        self.train_y = torch.from_numpy(load_array(root, files, "train_y").astype(np.int64)).to(device)
        self.labelled = load_array(root, files, "labelled")
        self.transfer = load_array(root, files, "transfer")
        cached = load_array(root, files, "teacher_train_logits")
        self.teacher_train_logits = None if cached is None else torch.from_numpy(cached).to(device)
        feats = load_array(root, files, "teacher_train_features")
        self.teacher_train_features = None if feats is None else torch.from_numpy(feats).to(device)

    @property
    def rows_per_example(self) -> int:
        return self.context if self.kind == "windows" else 1


class Batches:
    """Each step's batch, from the seed and the step number as in the studio."""

    def __init__(self, data: Data, teacher: torch.nn.Module, seed: int, batch_size: int, teacher_cache: bool, need_features: bool):
        self.data, self.teacher, self.seed, self.batch_size = data, teacher, seed, batch_size
        self.need_features = need_features
        self.cache = teacher_cache and data.kind == "rows" and data.teacher_train_logits is not None
        if need_features and self.cache and data.teacher_train_features is None:
            self.cache = False
        if data.kind == "rows":
            self.planner = BatchPlanner(data.labelled, data.transfer, seed)

    @torch.no_grad()
    def _teacher(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.teacher(x)

    def _cached(self, idx: torch.Tensor) -> tuple[torch.Tensor, Optional[torch.Tensor]]:
        d = self.data
        feats = d.teacher_train_features[idx] if self.need_features else None
        return d.teacher_train_logits[idx], feats

    def next(self, step: int) -> Batch:
        return self._text(step) if self.data.kind == "windows" else self._rows()

    def _rows(self) -> Batch:
        d = self.data
        lab, tra = self.planner.next(self.batch_size)
        l_idx = torch.tensor(lab, dtype=torch.int64, device=d.device)
        x_l = d.train_x[l_idx]
        labels = d.train_y[l_idx]
        t_l = self._cached(l_idx) if self.cache else self._teacher(x_l)
        if not tra:
            return Batch(x_l, labels, t_l[0], t_l[1] if self.need_features else None)
        t_idx = torch.tensor(tra, dtype=torch.int64, device=d.device)
        x_t = d.train_x[t_idx]
        t_t = self._cached(t_idx) if self.cache else self._teacher(x_t)
        # Transfer rows carry the teacher's class as their label (DKD needs one); the mask keeps it out of hard-label losses.
        labels = torch.cat([labels, torch.argmax(t_t[0], dim=-1)])
        label_mask = torch.cat([torch.ones(len(lab), device=d.device), torch.zeros(len(tra), device=d.device)])
        feats = torch.cat([t_l[1], t_t[1]]) if self.need_features else None
        return Batch(torch.cat([x_l, x_t]), labels, torch.cat([t_l[0], t_t[0]]), feats, None, label_mask)

    def _text(self, step: int) -> Batch:
        d = self.data
        starts = corpus_window_starts(d.train_end, self.batch_size, d.context, self.seed, step)
        x, y = window_batch(d.corpus, starts, d.context)
        x = torch.from_numpy(x).to(d.device)
        logits, feats = self._teacher(x)
        return Batch(x, torch.from_numpy(y.reshape(-1)).to(d.device), logits, feats if self.need_features else None)
