"""tfjs's seeded uniform random numbers, bit for bit: what a seeded Keras Dropout draws.

tfjs's `tf.randomUniform(shape, 0, 1, 'float32', seed)` (the mask of `tf.dropout`, which a
Dropout layer with a `seed` calls at every training step) makes a fresh `seedrandom.alea`
generator from `String(seed)` and stores its doubles in a Float32Array, row-major. A seeded
Dropout therefore drops the same units at every call for a given input shape, and a port of
alea gives the same mask in PyTorch. An unseeded Dropout seeds from Math.random(): nothing can
replay that, not even the studio itself.
"""

from __future__ import annotations

import math
from typing import Callable, Sequence, Union

import numpy as np

_TWO_32 = 2.0**32


def _mash() -> Callable[[str], float]:
    state = {"n": float(0xEFC8249D)}

    def mash(data: str) -> float:
        n = state["n"]
        for ch in data:
            n += ord(ch)
            h = 0.02519603282416938 * n
            n = math.floor(h) % _TWO_32  # h >>> 0 (h ≥ 0)
            h -= n
            h *= n
            n = math.floor(h) % _TWO_32
            h -= n
            n += h * _TWO_32
        state["n"] = n
        return (math.floor(n) % _TWO_32) * 2.3283064365386963e-10

    return mash


def alea(seed: str) -> Callable[[], float]:
    """seedrandom's alea(seed): a function returning doubles in [0, 1)."""
    mash = _mash()
    s = [mash(" "), mash(" "), mash(" ")]
    for i in range(3):
        s[i] -= mash(seed)
        if s[i] < 0:
            s[i] += 1
    c = 1.0

    def next_value() -> float:
        nonlocal c
        t = 2091639 * s[0] + c * 2.3283064365386963e-10
        s[0], s[1] = s[1], s[2]
        c = float(math.floor(t))  # t | 0, t ≥ 0 and below 2^31
        s[2] = t - c
        return s[2]

    return next_value


def js_string(seed: Union[int, float, str]) -> str:
    """String(seed) as JavaScript writes it, for the seeds Keras configs hold (integers)."""
    if isinstance(seed, str):
        return seed
    if float(seed).is_integer() and abs(seed) < 1e21:
        return str(int(seed))
    return repr(float(seed))


def random_uniform(shape: Sequence[int], seed: Union[int, float, str]) -> np.ndarray:
    """tf.randomUniform(shape, 0, 1, 'float32', seed): float32, row-major."""
    rng = alea(js_string(seed))
    count = int(np.prod(shape, dtype=np.int64))
    return np.array([rng() for _ in range(count)], dtype=np.float64).astype(np.float32).reshape(shape)


def dropout_multiplier(shape: Sequence[int], rate: float, seed: Union[int, float, str]) -> np.ndarray:
    """tf.dropout's multiplier floor(u + keep) / keep, in float32 as tfjs computes it."""
    keep = np.float32(1 - rate)
    return (np.floor(random_uniform(shape, seed) + keep) / keep).astype(np.float32)
