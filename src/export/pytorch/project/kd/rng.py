"""The studio's seeded random numbers (src/lib/rng.ts), ported bit for bit.

Everything random in a studio run (batch order, text windows, objective state) comes from sfc32
generators seeded per purpose: ``create_rng(seed, 'sampler:student')``. The same integer maths
here gives the same stream, so a PyTorch run sees the same batches in the same order.
JavaScript's 32-bit integer semantics are emulated with explicit masks: ``| 0`` and ``>>> 0``
both become ``& 0xFFFFFFFF`` (sign does not matter for the bits we keep), ``Math.imul`` is a
product taken modulo 2**32.
"""
from __future__ import annotations

import math
from typing import Callable

MASK = 0xFFFFFFFF


def _imul(a: int, b: int) -> int:
    return (a * b) & MASK


def hash32(seed: int, label: str = "") -> int:
    """FNV-1a over "seed:label" (UTF-16 code units, as JavaScript's charCodeAt), then MurmurHash3's finaliser."""
    h = 0x811C9DC5
    for unit in _utf16_units(f"{_js_number(seed)}:{label}"):
        h ^= unit
        h = _imul(h, 0x01000193)
    h ^= h >> 16
    h = _imul(h, 0x85EBCA6B)
    h ^= h >> 13
    h = _imul(h, 0xC2B2AE35)
    h ^= h >> 16
    return h & MASK


def _js_number(n: int | float) -> str:
    """How JavaScript prints a seed in a template string: integers without a decimal point."""
    if isinstance(n, float) and n.is_integer():
        n = int(n)
    return str(n)


def _utf16_units(s: str) -> list[int]:
    data = s.encode("utf-16-le")
    return [data[i] | (data[i + 1] << 8) for i in range(0, len(data), 2)]


class Rng:
    """sfc32 with the studio's seeding: ``next()`` uniform in [0, 1), ``int(n)``, ``normal()``, ``fork(label)``."""

    def __init__(self, seed: int, label: str = "") -> None:
        self.base = hash32(seed, label)
        self.a = self.base
        self.b = hash32(self.base, "b")
        self.c = hash32(self.base, "c")
        self.d = 1
        self._spare: float | None = None
        # sfc32 mixes its state in over a few rounds: the studio discards the first 12 outputs.
        for _ in range(12):
            self.next_u32()

    def next_u32(self) -> int:
        a, b, c, d = self.a, self.b, self.c, self.d
        t = (a + b + d) & MASK
        self.d = (d + 1) & MASK
        self.a = b ^ (b >> 9)
        self.b = (c + (c << 3)) & MASK
        c = ((c << 21) | (c >> 11)) & MASK
        self.c = (c + t) & MASK
        return t

    def next(self) -> float:
        return self.next_u32() / 4294967296

    def int(self, n: int) -> int:
        return math.floor((self.next_u32() / 4294967296) * n)

    def normal(self) -> float:
        """Box–Muller, as the studio draws it (the second value of each pair is kept for the next call)."""
        if self._spare is not None:
            s, self._spare = self._spare, None
            return s
        u = 0.0
        while u == 0.0:
            u = self.next()
        v = self.next()
        r = math.sqrt(-2 * math.log(u))
        self._spare = r * math.sin(2 * math.pi * v)
        return r * math.cos(2 * math.pi * v)

    def fork(self, label: str) -> "Rng":
        return Rng(self.base, label)


def create_rng(seed: int, label: str = "") -> Rng:
    return Rng(seed, label)


def shuffle_in_place(arr: list[int], rng: Rng) -> list[int]:
    """Fisher–Yates, from the end, as src/lib/rng.ts shuffleInPlace."""
    for i in range(len(arr) - 1, 0, -1):
        j = rng.int(i + 1)
        arr[i], arr[j] = arr[j], arr[i]
    return arr


def uniform(rng: Rng) -> Callable[[], float]:
    return rng.next
