"""DKD, TAID, ULD and the labels-only baseline (ports of src/objectives/dkd.ts, taid.ts, uld.ts
and baseline.ts). Each keeps the TS's order of float ops; see the TS for the papers' code."""

from __future__ import annotations

from typing import Optional

import torch
import torch.nn.functional as F
from torch import Tensor

from . import tfops as ops
from .base import LossInputs, LossResult, Objective, ObjectiveState, ParamSpec, Random, require_teacher
from .distribution import kd_weight_param, temperature_param
from .divergences import entropy_rows, hard_label_loss, kl_rows, masked_mean, mix_with_hard_labels, one_hot

Params = dict[str, float]


def _log_binary(probs: Tensor, gold: Tensor) -> Tensor:
    """log of [p_y, 1 − p_y] per row, clamped at 1e-12 (a saturated softmax makes 1 − p_y 0)."""
    target = ops.sum(probs * gold, -1)
    rest = ops.sum(probs * (1 - gold), -1)
    return ops.log(torch.clamp(torch.stack([target, rest], -1), min=1e-12))


class DKD(Objective):
    """Decoupled KD (mdistiller DKD.py): L = CE_w·CE + min((step+1)/warm-up, 1)·(α·TCKD + β·NCKD),
    TCKD = T²·KL on the binary target-vs-rest distributions, NCKD = T²·KL among the non-target
    classes (the gold logit minus 1000 after dividing by T, as the official code)."""

    id, name = "dkd", "Decoupled KD (DKD)"
    params = [
        temperature_param(4),
        ParamSpec("alpha", "TCKD weight α", 1),
        ParamSpec("beta", "NCKD weight β", 8),
        ParamSpec("warmup", "Warm-up steps", 200),
        ParamSpec("ceWeight", "CE weight", 1),
    ]
    components, component_labels = ["tckd", "nckd", "ce"], ["TCKD", "NCKD", "CE(y, q)"]
    schedulable = {"temperature": "T"}

    def loss(self, inputs: LossInputs, params: Params, state: Optional[ObjectiveState] = None) -> LossResult:
        p = self.full(params)
        T, warmup = p["T"], p["warmup"]
        # Transfer-set rows carry the teacher's class as `labels`: DKD needs a gold class per row.
        teacher = require_teacher(inputs, "DKD")
        gold = one_hot(inputs.labels, inputs.student_logits.shape[1])
        zs = inputs.student_logits / T
        zt = teacher / T
        tckd_rows = kl_rows(_log_binary(ops.softmax(zt), gold), _log_binary(ops.softmax(zs), gold))

        def masked(z: Tensor) -> Tensor:
            return ops.log_softmax(z - gold * 1000)

        nckd_rows = kl_rows(masked(zt), masked(zs))
        tckd = masked_mean(tckd_rows, inputs.mask) * (T * T)
        nckd = masked_mean(nckd_rows, inputs.mask) * (T * T)
        ce = hard_label_loss(inputs)
        warm = min((inputs.step + 1) / warmup, 1) if warmup > 0 else 1
        kd = tckd * p["alpha"] + nckd * p["beta"]
        total = ce * p["ceWeight"] + kd * warm
        return LossResult(total, {"tckd": tckd, "nckd": nckd, "ce": ce})


class TAID(Objective):
    """TAID (SakanaAI/TAID): target p_t = softmax((1 − t)·stopgrad(z_s) + t·z_t), loss KL(p_t‖q)
    mixed with CE. After every step t moves towards t_end, never backwards, driven by the
    relative improvement of the cross-entropy form −Σ p_t log q = KL + H(p_t) (aux "ceForm"),
    which is what the official update_t(loss) sees:
        rel = (prev − ℓ)/(prev + 1e−15);  m ← β·m + (1 − β)·rel;  δ = α·sigmoid(m)·(1 − t)
        t ← min(t_end, max(t_start + (t_end − t_start)·step/total, t + δ));  prev ← ℓ
    (the first call only stores ℓ)."""

    id, name = "taid", "TAID (adaptive interpolation)"
    params = [
        kd_weight_param(1),
        ParamSpec("tStart", "t start", 0.4),
        ParamSpec("tEnd", "t end", 1),
        ParamSpec("rate", "Adaptive rate α", 5e-4),
        ParamSpec("momentum", "Momentum β", 0.99),
    ]
    components, component_labels = ["kd", "ce"], ["KL(p_t‖q)", "CE(y, q)"]
    state_columns, state_labels = ["t"], ["TAID t"]
    schedulable = {"weight": "alpha"}

    def create_state(self, ctx: dict, params: Params, random: Random) -> ObjectiveState:
        p = self.full(params)

        def scalar(v: float) -> Tensor:
            return torch.tensor(v, dtype=torch.float32)

        return ObjectiveState([], {"t": scalar(p["tStart"]), "m": scalar(0), "prev": scalar(0), "started": scalar(0)})

    def loss(self, inputs: LossInputs, params: Params, state: Optional[ObjectiveState] = None) -> LossResult:
        if state is None:
            raise ValueError("TAID needs its state")
        p = self.full(params)
        zs, mask = inputs.student_logits, inputs.mask
        t = state.values["t"]
        target = zs.detach() * (1 - t) + require_teacher(inputs, "TAID") * t
        log_q = ops.log_softmax(zs)
        log_pt = ops.log_softmax(target)
        kd = masked_mean(kl_rows(log_pt, log_q), mask)
        # The official code's loss value, −Σ p_t log q = KL + H(p_t): what update_t sees.
        ce_form = kd + masked_mean(entropy_rows(log_pt), mask)
        ce = hard_label_loss(inputs)
        total = mix_with_hard_labels(ce, kd, p["alpha"], inputs)
        return LossResult(total, {"kd": kd, "ce": ce}, {"ceForm": ce_form})

    def after_step(
        self, state: Optional[ObjectiveState], result: LossResult, step: int, total_steps: int, params: Params
    ) -> None:
        if state is None or "ceForm" not in result.aux:
            raise ValueError("TAID's update needs its state and the cross-entropy form of its loss (aux.ceForm)")
        p = self.full(params)
        t_start, t_end = p["tStart"], p["tEnd"]
        with torch.no_grad():
            loss = result.aux["ceForm"].detach()
            # The state lives where the loss is (created on the CPU, it follows the first update).
            v = {k: x.to(loss.device) for k, x in state.values.items()}
            rel = (v["prev"] - loss) / (v["prev"] + 1e-15)
            m_next = v["m"] * p["momentum"] + rel * (1 - p["momentum"])
            delta = ops.sigmoid(m_next) * p["rate"] * (1 - v["t"])
            target = t_start + ((t_end - t_start) * step) / max(1, total_steps)
            t_next = torch.clamp(torch.clamp(v["t"] + delta, min=target), max=t_end)
            started = v["started"] > 0
            state.values["t"] = torch.where(started, t_next, v["t"])
            state.values["m"] = torch.where(started, m_next, v["m"])
            state.values["prev"] = loss.clone()
            state.values["started"] = torch.ones_like(v["started"])


def _sorted_descending(probs: Tensor) -> Tensor:
    """Each row sorted in descending order, ties in index order (tfjs's topk); autograd puts each
    sorted position's gradient back where its value came from, as the TS's custom gradient."""
    return torch.sort(probs, dim=-1, descending=True, stable=True).values


def uld_rows(teacher_logits: Tensor, student_logits: Tensor, T: float) -> Tensor:
    """Per-row ULD distance Σ_i |p↓_i − q↓_i| between the sorted probability vectors, the shorter
    vocabulary zero-padded on the right (llm-recipes DistillationLoss)."""
    p = _sorted_descending(ops.softmax(teacher_logits / T))
    q = _sorted_descending(ops.softmax(student_logits / T))
    width = max(p.shape[1], q.shape[1])
    p = F.pad(p, (0, width - p.shape[1])) if p.shape[1] < width else p
    q = F.pad(q, (0, width - q.shape[1])) if q.shape[1] < width else q
    return ops.sum(ops.abs(p - q), -1)


class ULD(Objective):
    """Universal Logit Distillation (Boizard et al. 2024): L = CE_w·CE + λ·ULD; teacher and student
    may have different vocabularies."""

    id, name = "uld", "ULD (universal logit distillation)"
    params = [temperature_param(1), ParamSpec("lambda", "ULD weight λ", 1.5), ParamSpec("ceWeight", "CE weight", 1)]
    components, component_labels = ["kd", "ce"], ["ULD(p↓, q↓)", "CE(y, q)"]
    schedulable = {"temperature": "T", "weight": "lambda"}

    def loss(self, inputs: LossInputs, params: Params, state: Optional[ObjectiveState] = None) -> LossResult:
        p = self.full(params)
        teacher = require_teacher(inputs, "ULD")
        kd = masked_mean(uld_rows(teacher, inputs.student_logits, p["T"]), inputs.mask)
        ce = hard_label_loss(inputs)
        return LossResult(ce * p["ceWeight"] + kd * p["lambda"], {"kd": kd, "ce": ce})


class Baseline(Objective):
    """No teacher: plain cross-entropy on the hard labels. What KD has to beat."""

    id, name = "baseline", "No teacher (labels only)"
    params = []
    components, component_labels = ["ce"], ["CE(y, q)"]
    needs_teacher = False

    def loss(self, inputs: LossInputs, params: Params, state: Optional[ObjectiveState] = None) -> LossResult:
        ce = hard_label_loss(inputs)
        return LossResult(ce, {"ce": ce})
