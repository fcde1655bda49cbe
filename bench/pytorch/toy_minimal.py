"""The toy KD step written as directly as PyTorch allows, for bench/pytorch's toy comparison.

The exported project's train.py replays the studio exactly: its batches come from a pure-Python
port of the studio's seeded sampler, and its losses round like tfjs's cpu backend. Both cost
time a plain PyTorch loop would not spend, so this is the other end of the comparison: the
same sizes and maths (630 training and 270 test points in 2-D, cached teacher logits for 3
classes, a 2-10-3 tanh student, Hinton KD at T = 4 with α = 0.9, Adam at lr 0.02, the held-out
evaluation every 10 steps: accuracy, agreement, KL to the teacher, 15-bin ECE), batches drawn
by torch itself, float32, the losses read back every 25 steps as the studio does.
Prints one JSON line: steps per wall-clock second and per CPU second.
"""
from __future__ import annotations

import json
import sys
import time

import torch
import torch.nn.functional as F


def main() -> None:
    batch, steps = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(1)
    torch.manual_seed(0)
    x, xt = torch.randn(630, 2), torch.randn(270, 2)
    teacher, teacher_test = torch.randn(630, 3) * 3, torch.randn(270, 3) * 3
    y, yt = teacher.argmax(-1), teacher_test.argmax(-1)
    student = torch.nn.Sequential(torch.nn.Linear(2, 10), torch.nn.Tanh(), torch.nn.Linear(10, 3))
    opt = torch.optim.Adam(student.parameters(), lr=0.02, eps=1e-7)
    T, alpha = 4.0, 0.9

    def evaluate() -> torch.Tensor:
        with torch.no_grad():
            z = student(xt)
            p = F.softmax(z, -1)
            conf, pred = p.max(-1)
            correct = (pred == yt).float()
            bins = torch.clamp(torch.ceil(conf * 15) - 1, 0, 14).long()
            ece = torch.zeros(15).index_add_(0, bins, correct - conf).abs().sum() / len(yt)
            kl = F.kl_div(F.log_softmax(z, -1), F.log_softmax(teacher_test, -1), log_target=True, reduction="batchmean")
            return torch.stack([correct.mean(), (pred == teacher_test.argmax(-1)).float().mean(), kl, ece])

    def step() -> torch.Tensor:
        idx = torch.randint(0, 630, (batch,))
        z = student(x[idx])
        log_q = F.log_softmax(z / T, -1)
        log_p = F.log_softmax(teacher[idx] / T, -1)
        kd = F.kl_div(log_q, log_p, log_target=True, reduction="batchmean") * T * T
        ce = F.cross_entropy(z, y[idx])
        total = (1 - alpha) * ce + alpha * kd
        opt.zero_grad()
        total.backward()
        opt.step()
        return torch.stack([total.detach(), kd.detach(), ce.detach()])

    def run(n: int) -> None:
        pending: list[torch.Tensor] = []
        evals: list[torch.Tensor] = []
        for i in range(n):
            pending.append(step())
            if (i + 1) % 10 == 0:
                evals.append(evaluate())
            if (i + 1) % 25 == 0:
                torch.stack(pending).tolist()
                pending.clear()
        if evals:
            torch.stack(evals).tolist()

    run(50)
    t0, c0 = time.perf_counter(), time.process_time()
    run(steps)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"wall": steps / wall, "cpu": steps / cpu}))


if __name__ == "__main__":
    main()
