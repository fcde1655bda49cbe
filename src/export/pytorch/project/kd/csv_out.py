"""The metrics CSV, with the studio's columns (Export → Metrics as CSV): step, loss:<lane>:<key>
for every loss column, eval:<lane>:<id> for every evaluation column; a step's cells are empty
where nothing was measured (losses start at step 1, evaluations are every evalEvery steps)."""
from __future__ import annotations

import math
from pathlib import Path


def cell(v) -> str:
    """A number as JavaScript's String() prints a float32 value: shortest round trip, integers bare."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    v = float(v)
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return str(int(v)) if v.is_integer() and abs(v) < 1e21 else repr(v)


class MetricsCsv:
    def __init__(self, loss_names: list[str], eval_names: list[str]):
        self.loss_names, self.eval_names = loss_names, eval_names
        self.losses: dict[int, list[float]] = {}
        self.evals: dict[int, list[float]] = {}

    def write(self, path: Path) -> None:
        header = ["step", *(f"loss:{n}" for n in self.loss_names), *(f"eval:{n}" for n in self.eval_names)]
        lines = [",".join(header)]
        for step in sorted(set(self.losses) | set(self.evals)):
            loss = self.losses.get(step, [None] * len(self.loss_names))
            ev = self.evals.get(step, [None] * len(self.eval_names))
            lines.append(",".join([str(step), *map(cell, loss), *map(cell, ev)]))
        path.write_text("\n".join(lines), encoding="utf-8")


def read_csv(path: Path) -> tuple[list[str], dict[int, list[float]]]:
    """A metrics CSV (the studio's or ours) as its header and its rows by step (NaN for empty cells)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = {}
    for line in lines[1:]:
        cells = line.split(",")
        rows[int(cells[0])] = [float(c) if c else math.nan for c in cells[1:]]
    return header[1:], rows
