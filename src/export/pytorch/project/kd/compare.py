"""Replay check: this run's loss curve against the studio's metrics CSV of the same experiment,
step by step, column by column (relative difference |ours − studio| / |studio|)."""
from __future__ import annotations

import math
from pathlib import Path

from .csv_out import read_csv


def compare(ours: Path, studio: Path, steps: int) -> dict:
    names_o, rows_o = read_csv(ours)
    names_s, rows_s = read_csv(studio)
    loss_cols = [n for n in names_o if n.startswith("loss:")]
    missing = [n for n in loss_cols if n not in names_s]
    if missing:
        raise ValueError(f"The studio's CSV has no column {missing[0]}: is it the metrics of this experiment?")
    worst = {"rel": 0.0, "step": 0, "column": "", "ours": 0.0, "studio": 0.0, "compared": 0}
    for step in range(1, steps + 1):
        if step not in rows_s or step not in rows_o:
            raise ValueError(f"Step {step} is missing from {'the studio' if step not in rows_s else 'this run'}'s CSV")
        for name in loss_cols:
            a = rows_o[step][names_o.index(name)]
            b = rows_s[step][names_s.index(name)]
            if math.isnan(a) and math.isnan(b):
                continue
            rel = abs(a - b) / max(abs(b), 1e-12)
            worst["compared"] += 1
            if not rel <= worst["rel"]:
                worst.update(rel=rel, step=step, column=name, ours=a, studio=b)
    evals = [n for n in names_o if n.startswith("eval:") and n in names_s]
    eval_diff = 0.0
    for step in rows_s:
        if step <= steps and step in rows_o:
            for n in evals:
                a, b = rows_o[step][names_o.index(n)], rows_s[step][names_s.index(n)]
                if not (math.isnan(a) or math.isnan(b)):
                    eval_diff = max(eval_diff, abs(a - b))
    worst["evalAbs"] = eval_diff
    return worst
