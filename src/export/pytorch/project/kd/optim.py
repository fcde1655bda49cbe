"""The studio's optimisers, with tfjs's arithmetic (tfjs-core 4.22 adam_optimizer.js and
momentum_optimizer.js), so a replay updates the weights exactly as the browser did.

torch.optim.Adam computes the same update with another operation order and ε = 1e-8; tfjs
uses the backend's ε (1e-7 in float32) and keeps its bias corrections as float32 running
products. Every constant below is a float32 0-d tensor, as tfjs's scalars are.
"""
from __future__ import annotations

from typing import Iterable

import torch


def _f32(x: float, device: torch.device) -> torch.Tensor:
    return torch.tensor(x, dtype=torch.float32, device=device)


class TfjsAdam:
    """tf.train.adam(lr): m and v per weight, bias corrections 1 - β^t from float32 running products."""

    def __init__(self, params: Iterable[torch.Tensor], lr: float, epsilon: float, beta1: float = 0.9, beta2: float = 0.999):
        self.params = list(params)
        dev = self.params[0].device
        self.lr = lr
        self.beta1, self.beta2 = _f32(beta1, dev), _f32(beta2, dev)
        # JavaScript computes 1 - β in double precision, then tfjs makes a float32 scalar of it.
        self.one_minus_beta1, self.one_minus_beta2 = _f32(1 - beta1, dev), _f32(1 - beta2, dev)
        self.epsilon = _f32(epsilon, dev)
        self.acc_beta1, self.acc_beta2 = _f32(beta1, dev), _f32(beta2, dev)
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]
        self._one = _f32(1.0, dev)

    @torch.no_grad()
    def step(self) -> None:
        neg_lr = _f32(-self.lr, self.params[0].device)
        c1 = self._one - self.acc_beta1
        c2 = self._one - self.acc_beta2
        for p, m, v in zip(self.params, self.m, self.v):
            if p.grad is None:
                continue
            g = p.grad
            m_new = m * self.beta1 + g * self.one_minus_beta1
            v_new = v * self.beta2 + torch.square(g) * self.one_minus_beta2
            m_hat = m_new / c1
            v_hat = v_new / c2
            m.copy_(m_new)
            v.copy_(v_new)
            p.copy_((m_hat / (torch.sqrt(v_hat) + self.epsilon)) * neg_lr + p)
        self.acc_beta1 = self.acc_beta1 * self.beta1
        self.acc_beta2 = self.acc_beta2 * self.beta2

    def zero_grad(self) -> None:
        for p in self.params:
            p.grad = None


class TfjsMomentum:
    """tf.train.momentum(lr, μ): a ← μ·a + g; w ← w + (−lr)·a (no Nesterov, no dampening: torch's SGD too)."""

    def __init__(self, params: Iterable[torch.Tensor], lr: float, momentum: float):
        self.params = list(params)
        dev = self.params[0].device
        self.m = _f32(momentum, dev)
        self.c = _f32(-lr, dev)
        self.acc = [torch.zeros_like(p) for p in self.params]

    @torch.no_grad()
    def step(self) -> None:
        for p, a in zip(self.params, self.acc):
            if p.grad is None:
                continue
            a_new = self.m * a + p.grad
            a.copy_(a_new)
            p.copy_(self.c * a_new + p)

    def zero_grad(self) -> None:
        for p in self.params:
            p.grad = None


def build_optimizer(train: dict, params: list[torch.Tensor], epsilon: float):
    if train["optimizer"] == "adam":
        return TfjsAdam(params, train["lr"], epsilon)
    return TfjsMomentum(params, train["lr"], train["momentum"])
