"""Float32 tensor ops that round the way tfjs's cpu backend does.

The studio trains with tfjs. Its cpu backend stores every tensor in float32 but computes each
kernel in JavaScript doubles: `exp`, `log` and `sqrt` are evaluated in float64 and rounded once
to float32; a `sum` accumulates in float64 and rounds once; a `mean` divides every element by
the count first, then sums; a matMul accumulates blocks of 48 products in float64 and adds each
block into its float32 output. PyTorch's float32 kernels round differently (its `exp` is off by
one unit in the last place for about one value in ten, its sums accumulate in float32), and a
replay that must match the studio for 200 steps gains from rounding alike. So the objectives and
metrics call these helpers where the TS calls `tf.exp`, `tf.sum`, `tf.logSoftmax`, ...

Elementwise +, −, ×, ÷ need nothing: a float32 op computed in float64 and rounded gives the
correctly rounded float32 result, which is what PyTorch computes too (a Python number is cast to
float32 first on both sides).

Gradients follow tfjs's own gradient formulas where they differ in form from autograd's:
log-softmax and softmax have custom gradients in tfjs, `abs` has slope −1 at 0 there, and the
gradient of a broadcast operand is summed with tfjs's float64 `sum` (`expand`, `div`). With
these, every loss value and gradient of the cross-check (src/export/pytorch/
objectives-crosscheck.test.ts: 74 cases over all objectives) is bitwise equal to tfjs's.

`use_rounding('float32')` switches every helper to plain PyTorch float32 ops (faster, e.g. on a
GPU, and a little further from the studio's numbers); the default is 'tfjs-cpu'.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence, Union

import torch
from torch import Tensor

F32 = torch.float32
F64 = torch.float64

#: Products tfjs's cpu matMul sums in float64 before adding them into its float32 output.
MATMUL_BLOCK = 48

_exact = True

Dim = Optional[Union[int, Sequence[int]]]


def use_rounding(mode: str) -> None:
    """'tfjs-cpu' (default): round as the studio's cpu backend. 'float32': plain PyTorch ops."""
    global _exact
    if mode not in ("tfjs-cpu", "float32"):
        raise ValueError(f"unknown rounding mode {mode!r}")
    _exact = mode == "tfjs-cpu"


def rounding() -> str:
    return "tfjs-cpu" if _exact else "float32"


def _in_f64(fn: Any, x: Tensor) -> Tensor:
    """fn evaluated in float64, rounded once to float32 (no autograd: used inside Functions)."""
    return fn(x.to(F64)).to(F32)


class _Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Tensor:
        y = _in_f64(torch.exp, x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx: Any, dy: Tensor) -> Tensor:
        (y,) = ctx.saved_tensors
        return dy * y  # tfjs Exp: dy·y


class _Log(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Tensor:
        ctx.save_for_backward(x)
        return _in_f64(torch.log, x)

    @staticmethod
    def backward(ctx: Any, dy: Tensor) -> Tensor:
        (x,) = ctx.saved_tensors
        return dy / x  # tfjs Log: dy/x


class _Sqrt(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Tensor:
        y = _in_f64(torch.sqrt, x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx: Any, dy: Tensor) -> Tensor:
        (y,) = ctx.saved_tensors
        return dy / (y * 2)  # tfjs Sqrt: dy/(2·sqrt(x))


class _Abs(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Tensor:
        ctx.save_for_backward(x)
        return torch.abs(x)

    @staticmethod
    def backward(ctx: Any, dy: Tensor) -> Tensor:
        (x,) = ctx.saved_tensors
        # tfjs Abs: dy·step(x, −1), i.e. slope −1 at x = 0 (PyTorch's sign(0) is 0).
        return dy * torch.where(x > 0, 1.0, -1.0).to(dy.dtype)


def exp(x: Tensor) -> Tensor:
    return _Exp.apply(x) if _exact else torch.exp(x)


def log(x: Tensor) -> Tensor:
    return _Log.apply(x) if _exact else torch.log(x)


def sqrt(x: Tensor) -> Tensor:
    return _Sqrt.apply(x) if _exact else torch.sqrt(x)


def abs(x: Tensor) -> Tensor:  # noqa: A001 (mirrors tf.abs)
    return _Abs.apply(x)


def sigmoid(x: Tensor) -> Tensor:
    """1/(1 + e^(−x)) as tfjs's kernel writes it (no gradient needed: TAID's update only)."""
    return _in_f64(lambda v: 1 / (1 + torch.exp(-v)), x) if _exact else torch.sigmoid(x)


def _dims(x: Tensor, dim: Dim) -> list[int]:
    if dim is None:
        return list(range(x.dim()))
    return [dim] if isinstance(dim, int) else list(dim)


def sum(x: Tensor, dim: Dim = None, keepdim: bool = False) -> Tensor:  # noqa: A001 (mirrors tf.sum)
    """Σ over `dim` (all axes when None), accumulated in float64 and rounded once."""
    dims = _dims(x, dim)
    if not _exact:
        return torch.sum(x, dims, keepdim=keepdim) if dims else x.clone()
    if not dims:
        return x.clone()
    return torch.sum(x.to(F64), dims, keepdim=keepdim).to(F32)


def mean(x: Tensor, dim: Dim = None, keepdim: bool = False) -> Tensor:
    """tfjs's mean: every element divided by the count (a float32), then summed."""
    dims = _dims(x, dim)
    count = 1
    for d in dims:
        count *= x.shape[d]
    if not _exact:
        return torch.mean(x, dims, keepdim=keepdim) if dims else x.clone()
    return sum(x / float(count), dims, keepdim)


def _sum_to(x: Tensor, shape: torch.Size) -> Tensor:
    """x summed (in float64, as tfjs's `sum`) over the axes a broadcast operand of `shape` grew."""
    lead = x.dim() - len(shape)
    padded = (1,) * lead + tuple(shape)
    dims = [i for i, (n, m) in enumerate(zip(padded, x.shape)) if n == 1 and m != 1]
    return (sum(x, dims, keepdim=True) if dims else x).reshape(shape)


class _Expand(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, x: Tensor, shape: tuple[int, ...]) -> Tensor:
        ctx.in_shape = x.shape
        return x.expand(shape).clone()

    @staticmethod
    def backward(ctx: Any, dy: Tensor) -> tuple[Tensor, None]:
        return _sum_to(dy, ctx.in_shape), None


def expand(x: Tensor, shape: Sequence[int]) -> Tensor:
    """x broadcast to `shape`, for an operand of + or − that needs a gradient: tfjs sums its
    gradient with the float64 `sum` kernel, autograd's own broadcasting in float32."""
    return _Expand.apply(x, tuple(shape)) if _exact else x.expand(tuple(shape))


class _Div(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Tensor:
        ctx.save_for_backward(a, b)
        return a / b

    @staticmethod
    def backward(ctx: Any, dy: Tensor) -> tuple[Tensor, Tensor]:
        a, b = ctx.saved_tensors
        # tfjs RealDiv: dA = Σ dy/b; dB = −(Σ dy·a)/b², Σ over the axes the operand was broadcast.
        return _sum_to(dy / b, a.shape), -(_sum_to(dy * a, b.shape) / (b * b))


def div(a: Tensor, b: Tensor) -> Tensor:
    """a / b, broadcasting, for a divisor that needs a gradient (tfjs's formula for it)."""
    return _Div.apply(a, b) if _exact else a / b


class _LogSoftmax(torch.autograd.Function):
    """tfjs's logSoftmax: z − max − log Σ exp(z − max), with its custom gradient."""

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Tensor:
        shifted = x - torch.amax(x, -1, keepdim=True)
        value = shifted - _in_f64(torch.log, sum(_in_f64(torch.exp, shifted), -1, keepdim=True))
        ctx.save_for_backward(value)
        return value

    @staticmethod
    def backward(ctx: Any, dy: Tensor) -> Tensor:
        (value,) = ctx.saved_tensors
        return dy - sum(dy, -1, keepdim=True) * _in_f64(torch.exp, value)


class _Softmax(torch.autograd.Function):
    """tfjs's Softmax kernel, exp(z − max)/Σ, with its gradient y·dy − y·Σ(y·dy)."""

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Tensor:
        e = _in_f64(torch.exp, x - torch.amax(x, -1, keepdim=True))
        y = e / sum(e, -1, keepdim=True)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx: Any, dy: Tensor) -> Tensor:
        (y,) = ctx.saved_tensors
        dy_y = dy * y
        return dy_y - sum(dy_y, -1, keepdim=True) * y


def log_softmax(x: Tensor) -> Tensor:
    """log softmax over the last axis."""
    return _LogSoftmax.apply(x) if _exact else torch.log_softmax(x, -1)


def softmax(x: Tensor) -> Tensor:
    """softmax over the last axis."""
    return _Softmax.apply(x) if _exact else torch.softmax(x, -1)


def logsumexp(x: Tensor, dim: int) -> Tensor:
    """tf.logSumExp, built from the same ops: max + log Σ exp(x − max).

    Its gradient also flows through the max, as in tfjs (where the max's share is
    (1 − Σ softmax)·dy, a rounding error); at exact ties tfjs hands each tied entry that share
    in full and PyTorch's amax splits it: a difference of order 1e-7·dy.
    """
    if not _exact:
        return torch.logsumexp(x, dim)
    x_max = torch.amax(x, dim, keepdim=True)
    return x_max.squeeze(dim) + log(sum(exp(x - x_max), dim))


def _blocked_matmul(a: Tensor, b: Tensor) -> Tensor:
    """a @ b as tfjs's cpu kernel sums it: float64 within each block of 48, float32 across."""
    shared = a.shape[-1]
    out: Optional[Tensor] = None
    for k in range(0, shared, MATMUL_BLOCK):
        part = torch.matmul(a[..., k : k + MATMUL_BLOCK].to(F64), b[..., k : k + MATMUL_BLOCK, :].to(F64))
        out = part.to(F32) if out is None else (out.to(F64) + part).to(F32)
    assert out is not None, "matmul over an empty shared dimension"
    return out


class _MatMul(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Tensor:
        ctx.save_for_backward(a, b)
        return _blocked_matmul(a, b)

    @staticmethod
    def backward(ctx: Any, dy: Tensor) -> tuple[Tensor, Tensor]:
        a, b = ctx.saved_tensors
        # tfjs MatMul: dA = dy·bᵀ, dB = aᵀ·dy, each with the same blocked kernel.
        return _blocked_matmul(dy, b.transpose(-1, -2)), _blocked_matmul(a.transpose(-1, -2), dy)


def matmul(a: Tensor, b: Tensor) -> Tensor:
    """a @ b for 2-D, or batched 3-D tensors of equal batch size (no broadcasting)."""
    if not _exact:
        return torch.matmul(a, b)
    if a.dim() != b.dim() or a.shape[:-2] != b.shape[:-2]:
        raise ValueError("matmul: operands need the same batch shape")
    return _MatMul.apply(a, b)


class _SquaredDifference(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor) -> Tensor:
        ctx.save_for_backward(a, b)
        return ((a.to(F64) - b.to(F64)) ** 2).to(F32)  # the difference is exact in float64

    @staticmethod
    def backward(ctx: Any, dy: Tensor) -> tuple[Tensor, Tensor]:
        a, b = ctx.saved_tensors
        return dy * (2 * (a - b)), dy * (2 * (b - a))  # tfjs SquaredDifference


def squared_difference(a: Tensor, b: Tensor) -> Tensor:
    """(a − b)² elementwise, for tensors of one shape."""
    return _SquaredDifference.apply(a, b) if _exact else (a - b) ** 2
