"""Distil the exported experiment in PyTorch, on one process or many.

    python train.py                          # the experiment as the studio ran it
    python train.py --steps 200 --compare kd-studio-metrics.csv   # replay check against the studio
    torchrun --nproc_per_node=2 train.py     # DistributedDataParallel (gloo on CPU, nccl on CUDA)

The loop is the studio's (src/engine/session.ts): every step one seeded batch shared by all
lanes, each lane's loss from its objective with the scheduled parameters, one backward pass
over the sum (lanes share no weights, so each lane's gradients are its own), then each lane's
optimiser with tfjs's arithmetic, then the objectives' state updates. Evaluations at step 0
and every evalEvery steps. On many processes each rank takes its share of the seeded batch,
DistributedDataParallel averages the gradients, and only rank 0 evaluates and writes.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import torch
import torch.distributed as dist

from kd.compare import compare
from kd.csv_out import MetricsCsv
from kd.data import Batches, Data
from kd.evaluate import Evaluator, teacher_check
from kd import tfops
from kd.models import build_from_files, exact_float32, save_tfjs
from kd.objectives import LossInputs, get_objective, schedule_columns, scheduled_params
from kd.optim import build_optimizer
from kd.project import ConfigError, load_project
from kd.rng import create_rng

ROOT = Path(__file__).resolve().parent


class Lanes(torch.nn.Module):
    """Every lane's student and its objective's trainable state, as one module for DDP."""

    def __init__(self, students: list[torch.nn.Module], states: list):
        super().__init__()
        self.students = torch.nn.ModuleList(students)
        self.extra = torch.nn.ParameterList([p for s in states if s for p in s.trainable])

    def forward(self, xs: list[torch.Tensor], training: bool):
        return [s(x, training) for s, x in zip(self.students, xs)]


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--steps", type=int, help="steps to train (default: the experiment's)")
    p.add_argument("--device", default="auto", help="cpu, cuda, cuda:1 … (default: cuda when there is one)")
    p.add_argument("--threads", type=int, help="CPU threads per process (torch.set_num_threads)")
    p.add_argument("--out", default="runs", help="folder for metrics.csv and the trained students")
    p.add_argument("--no-teacher-cache", action="store_true", help="run the teacher on every batch instead of its cached logits")
    p.add_argument("--compare", type=Path, help="the studio's metrics CSV of this experiment: check the replay")
    p.add_argument("--tolerance", type=float, default=1e-4, help="largest relative loss difference --compare accepts")
    p.add_argument(
        "--rounding",
        choices=["tfjs-cpu", "float32"],
        default="tfjs-cpu",
        help="the losses round like tfjs's cpu backend (default: the closest replay) or as plain float32 (faster on GPUs)",
    )
    p.add_argument("--quiet", action="store_true")
    return p.parse_args(argv)


def setup_distributed(device_arg: str) -> tuple[int, int, torch.device]:
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    cuda = torch.cuda.is_available() and device_arg in ("auto", "cuda") or device_arg.startswith("cuda")
    if world > 1:
        dist.init_process_group(backend="nccl" if cuda else "gloo")
    if cuda:
        local = int(os.environ.get("LOCAL_RANK", "0"))
        device = torch.device(device_arg if ":" in device_arg else f"cuda:{local}")
    else:
        device = torch.device("cpu")
    return rank, world, device


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        project = load_project(ROOT)
    except ConfigError as e:
        print(f"train.py: {e}", file=sys.stderr)
        return 2
    if args.threads:
        torch.set_num_threads(args.threads)
    # A studio run is float32: no TF32 on GPUs, and the losses rounded as the studio rounds them.
    exact_float32()
    tfops.use_rounding(args.rounding)
    rank, world, device = setup_distributed(args.device)
    say = (lambda *a: None) if args.quiet or rank != 0 else print
    cfg, res = project["config"], project["resolved"]
    train, seed = cfg["train"], int(cfg["seed"])
    steps = args.steps if args.steps is not None else int(train["steps"])

    data = Data(ROOT, res, device)
    teacher = build_from_files(str(ROOT / res["teacher"])).to(device)
    teacher.eval()
    for p in teacher.parameters():
        p.requires_grad_(False)
    chunk = data.spec.get("evalChunk") or 500
    say(f"teacher: largest |logit − studio's| on the test set {teacher_check(data, teacher, chunk):.2e}")

    lanes_cfg = res["lanes"]
    objectives = [get_objective(l["objective"]) for l in lanes_cfg]
    students = [build_from_files(str(ROOT / res["student"])).to(device) for _ in lanes_cfg]
    states = []
    for lane, obj in zip(lanes_cfg, objectives):
        rng = create_rng(seed, lane["stateSeedLabel"])
        states.append(obj.create_state(lane["stateContext"], dict(lane["params"]), rng.next))
    for s in states:
        for p in s.trainable if s else []:
            p.data = p.data.to(device)
    module = Lanes(students, states).to(device)
    ddp = torch.nn.parallel.DistributedDataParallel(module) if world > 1 else module
    optimizers = [
        build_optimizer(train, [*students[i].parameters(), *(states[i].trainable if states[i] else [])], res["adamEpsilon"])
        for i in range(len(lanes_cfg))
    ]
    need_features = any(o.needs_features for o in objectives)
    batches = Batches(data, teacher, seed, int(train["batchSize"]), train.get("teacherCache", True) and not args.no_teacher_cache, need_features)
    evaluator = Evaluator(data, teacher, res["metrics"], ROOT) if rank == 0 else None
    loss_names = [f"{c['lane']}:{c['key']}" for c in res["lossColumns"]]
    csv = MetricsCsv(loss_names, res["evalColumns"])
    eval_every = int(train["evalEvery"])

    def evaluate(step: int) -> None:
        if evaluator:
            csv.evals[step] = [v for s in students for v in evaluator.lane(s)]

    evaluate(0)
    started = time.perf_counter()
    # CPU time too: on a shared machine it is what this process used, whatever else ran.
    cpu_started = time.process_time()
    for step in range(steps):
        params = [scheduled_params(o, l["params"], l["schedule"], step, int(train["steps"])) for o, l in zip(objectives, lanes_cfg)]
        batch = batches.next(step).shard(rank, world, data.rows_per_example)
        outs = ddp([batch.x] * len(students), True)
        results = []
        for i, (obj, (logits, feats)) in enumerate(zip(objectives, outs)):
            inputs = LossInputs(
                student_logits=logits,
                teacher_logits=batch.teacher_logits,
                labels=batch.labels,
                mask=batch.mask,
                label_mask=batch.label_mask,
                student_features=feats,
                teacher_features=batch.teacher_features,
                step=step,
                total_steps=int(train["steps"]),
            )
            results.append(obj.loss(inputs, params[i], states[i]))
        total = results[0].total if len(results) == 1 else torch.stack([r.total for r in results]).sum()
        for o in optimizers:
            o.zero_grad()
        total.backward()
        for o in optimizers:
            o.step()
        row = []
        by_lane = {}
        for c in res["lossColumns"]:
            i, key, kind = c["lane"], c["key"], c["kind"]
            r = results[i]
            v = r.total if kind == "total" else r.parts[key] if kind == "part" else states[i].values[key] if kind == "state" else params[i][key]
            row.append(float(v))
            by_lane.setdefault(i, []).append(float(v))
        for i, (obj, st) in enumerate(zip(objectives, states)):
            if st is not None:
                obj.after_step(st, results[i], step, int(train["steps"]), params[i])
        csv.losses[step + 1] = row
        if (step + 1) % eval_every == 0:
            evaluate(step + 1)
        if (step + 1) % max(1, steps // 10) == 0:
            say(f"step {step + 1}/{steps}  " + "  ".join(f"lane {i + 1} loss {v[0]:.4f}" for i, v in by_lane.items()))
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    say(
        f"{steps} steps in {elapsed:.1f} s ({steps / max(elapsed, 1e-9):.1f} steps/s, {world} process(es); "
        f"{steps / max(cpu, 1e-9):.1f} steps per CPU second)"
    )

    if rank == 0:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        csv.write(out / "metrics.csv")
        final = csv.evals.get(max(csv.evals))
        per_lane = len(res["evalColumns"]) // len(students)
        for i, s in enumerate(students):
            torch.save(s.state_dict(), out / f"student-{i + 1}.pt")
            save_tfjs(s, str(ROOT / res["student"]), str(out), f"student-{i + 1}")
            vals = final[i * per_lane : (i + 1) * per_lane]
            names = [n.split(":", 1)[1] for n in res["evalColumns"][i * per_lane : (i + 1) * per_lane]]
            say(f"lane {i + 1} ({lanes_cfg[i]['objective']}): " + ", ".join(f"{n} {v:.4f}" for n, v in zip(names, vals)))
        say(f"wrote {out / 'metrics.csv'} and student-N.pt / student-N.json (+ .bin: Import model in the studio reads them)")
        if args.compare:
            w = compare(out / "metrics.csv", args.compare, steps)
            ok = w["rel"] <= args.tolerance
            (out / "replay.json").write_text(json.dumps({**w, "steps": steps, "ok": ok}), encoding="utf-8")
            say(
                f"replay: {w['compared']} loss values over {steps} steps; largest relative difference {w['rel']:.2e} "
                f"(step {w['step']}, {w['column']}: {w['ours']!r} vs the studio's {w['studio']!r}); "
                f"largest evaluation difference {w['evalAbs']:.2e}: {'OK' if ok else 'ABOVE'} the tolerance {args.tolerance:g}"
            )
            if not ok:
                return 1
    if world > 1:
        dist.destroy_process_group()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
