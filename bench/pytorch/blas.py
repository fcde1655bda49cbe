"""What torch multiplies matrices with here, and how fast: one JSON line for bench/pytorch.

torch.__config__.show() names the BLAS torch was built against (Debian's build says only
"generic": it links libblas.so.3, whichever library the alternatives system points at), so
the library actually mapped into this process after a matMul is named too, with OpenBLAS's
own configuration string when it is OpenBLAS. Then the GFLOP/s of a 512x512 float32 matMul
on the threads given (median of 7 rounds), as the bench's readers need to judge its ratios.
"""
from __future__ import annotations

import ctypes
import json
import re
import sys
import time

import torch


def mapped_blas() -> list[str]:
    """Shared libraries mapped into this process whose names say BLAS or MKL."""
    with open("/proc/self/maps", encoding="utf-8") as f:
        paths = {line.split()[-1] for line in f if "/" in line}
    return sorted(p for p in paths if re.search(r"blas|mkl|blis|atlas", p, re.I))


def openblas_config(paths: list[str]) -> str | None:
    for p in paths:
        if "openblas" in p.lower():
            try:
                lib = ctypes.CDLL(p)
                lib.openblas_get_config.restype = ctypes.c_char_p
                return lib.openblas_get_config().decode()
            except (OSError, AttributeError):
                continue
    return None


def gflops(n: int, threads: int) -> float:
    torch.set_num_threads(threads)
    a, b = torch.randn(n, n), torch.randn(n, n)
    for _ in range(3):
        torch.mm(a, b)
    rounds = []
    for _ in range(7):
        reps, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < 0.2:
            torch.mm(a, b)
            reps += 1
        rounds.append(2 * n**3 * reps / (time.perf_counter() - t0) / 1e9)
    return sorted(rounds)[len(rounds) // 2]


def main() -> None:
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 512
    shown = torch.__config__.show()
    info = re.search(r"BLAS_INFO=([^,\s]+)", shown)
    rate = gflops(n, threads)
    paths = mapped_blas()
    print(
        json.dumps(
            {
                "torch": torch.__version__,
                "blasInfo": info.group(1) if info else None,
                "mkldnn": "MKL-DNN" in shown or "oneDNN" in shown,
                "mapped": paths,
                "openblas": openblas_config(paths),
                "threads": threads,
                "n": n,
                "gflops": rate,
            }
        )
    )


if __name__ == "__main__":
    main()
