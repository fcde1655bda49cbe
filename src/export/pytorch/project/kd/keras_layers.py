"""Keras layers as tfjs-layers 4.22 computes them, on NHWC activations (see kd/keras.py).

Each layer is built from its Keras config and the weight shapes of the manifest (tfjs
layout), holds its weights in torch's layout, and lists them as (suffix, tensor, layout kind)
with the suffix tfjs names them by ('kernel', 'bias', 'gamma', 'beta', 'moving_mean',
'moving_variance'): the manifest name is '<layer name>/<suffix>'.
"""

from __future__ import annotations

import functools
import math
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Type

import torch
import torch.nn.functional as F
from torch import nn

from .activations import ACTIVATIONS, activation_name
from .layout import TO_TORCH, nchw_to_nhwc, nhwc_to_nchw
from .tfjs_random import dropout_multiplier

Tensor = torch.Tensor

def _pair(v: Any) -> Tuple[int, int]:
    return (int(v), int(v)) if isinstance(v, (int, float)) else (int(v[0]), int(v[1]))


def _channels_last(config: Mapping[str, Any]) -> None:
    fmt = config.get("data_format", "channels_last")
    if fmt not in (None, "channels_last"):
        raise ValueError(f"layer {config['name']} uses data_format {fmt!r}: only channels_last is supported")


def _one_axis(config: Mapping[str, Any]) -> int:
    axis = config.get("axis", -1)
    if isinstance(axis, list) and len(axis) == 1:
        axis = axis[0]
    if not isinstance(axis, int):
        raise ValueError(f"layer {config['name']} normalizes over the axes {axis}: one axis is supported")
    return axis


def same_padding(size: int, kernel: int, stride: int, dilation: int = 1) -> Tuple[int, int]:
    """TF's 'same': out = ceil(size / stride), the extra pixel (if any) at the end, not the start."""
    out = -(-size // stride)
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


class KLayer(nn.Module):
    activation_name: Optional[str] = None

    def __init__(self, config: Mapping[str, Any], shapes: Mapping[str, Sequence[int]]) -> None:
        super().__init__()
        self.layer_name = str(config["name"])
        self._weights: List[Tuple[str, Tensor, str]] = []
        self._shapes = shapes

    def _weight(self, suffix: str, kind: str, trainable: bool = True) -> Tensor:
        """A weight sized from the manifest (tfjs layout), held in torch's layout."""
        key = f"{self.layer_name}/{suffix}"
        if key not in self._shapes:
            raise ValueError(f"the weight files have no {key}, which layer {self.layer_name} needs")
        shape = TO_TORCH[kind](torch.zeros(*[int(d) for d in self._shapes[key]])).shape
        attr = suffix.replace("/", "_")
        if trainable:
            self.register_parameter(attr, nn.Parameter(torch.zeros(shape)))
        else:
            self.register_buffer(attr, torch.zeros(shape))
        tensor = getattr(self, attr)
        self._weights.append((suffix, tensor, kind))
        return tensor

    def weights(self) -> List[Tuple[str, Tensor, str]]:
        # The registered tensors (a module's .to() replaces them, so look them up by name).
        return [(s, getattr(self, s.replace("/", "_")), k) for s, _, k in self._weights]

    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        raise NotImplementedError


class _Activated(KLayer):
    def __init__(self, config: Mapping[str, Any], shapes: Mapping[str, Sequence[int]]) -> None:
        super().__init__(config, shapes)
        self.activation_name = activation_name(config.get("activation"))

    def activate(self, x: Tensor, linear: bool) -> Tensor:
        return x if linear else ACTIVATIONS[self.activation_name or "linear"](x)


class InputLayer(KLayer):
    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        return xs[0]


class Dense(_Activated):
    def __init__(self, config: Mapping[str, Any], shapes: Mapping[str, Sequence[int]]) -> None:
        super().__init__(config, shapes)
        self._weight("kernel", "dense")
        self.use_bias = bool(config.get("use_bias", True))
        if self.use_bias:
            self._weight("bias", "same")

    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        # On the last axis, whatever the rank (Keras Dense on feature maps, NHWC).
        return self.activate(F.linear(xs[0], self.kernel, self.bias if self.use_bias else None), linear)


class Conv2D(_Activated):
    def __init__(self, config: Mapping[str, Any], shapes: Mapping[str, Sequence[int]]) -> None:
        super().__init__(config, shapes)
        _channels_last(config)
        self._weight("kernel", "conv")
        self.use_bias = bool(config.get("use_bias", True))
        if self.use_bias:
            self._weight("bias", "same")
        self.kernel_size = _pair(config["kernel_size"])
        self.strides = _pair(config.get("strides", 1))
        self.dilation = _pair(config.get("dilation_rate", 1))
        self.padding = config.get("padding", "valid")
        if self.padding not in ("valid", "same"):
            raise ValueError(f"layer {self.layer_name}: padding {self.padding!r} is not supported (valid, same)")

    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        x = nhwc_to_nchw(xs[0])
        if self.padding == "same":
            top, bottom = same_padding(x.shape[2], self.kernel_size[0], self.strides[0], self.dilation[0])
            left, right = same_padding(x.shape[3], self.kernel_size[1], self.strides[1], self.dilation[1])
            x = F.pad(x, (left, right, top, bottom))
        y = F.conv2d(x, self.kernel, self.bias if self.use_bias else None, self.strides, 0, self.dilation)
        return self.activate(nchw_to_nhwc(y), linear)


class _Pool2D(KLayer):
    kind = "max"

    def __init__(self, config: Mapping[str, Any], shapes: Mapping[str, Sequence[int]]) -> None:
        super().__init__(config, shapes)
        _channels_last(config)
        self.pool = _pair(config.get("pool_size", 2))
        self.strides = _pair(config.get("strides") or self.pool)
        self.padding = config.get("padding", "valid")
        if self.padding not in ("valid", "same"):
            raise ValueError(f"layer {self.layer_name}: padding {self.padding!r} is not supported (valid, same)")

    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        x = nhwc_to_nchw(xs[0])
        pads = (0, 0, 0, 0)
        if self.padding == "same":
            top, bottom = same_padding(x.shape[2], self.pool[0], self.strides[0])
            left, right = same_padding(x.shape[3], self.pool[1], self.strides[1])
            pads = (left, right, top, bottom)
        if self.kind == "max":
            y = F.max_pool2d(F.pad(x, pads, value=-math.inf), self.pool, self.strides)
        else:
            # Forward: the mean over the window's pixels inside the image (TF's 'same').
            # Backward: tfjs 4.22's AvgPoolGrad divides by the whole window, also at the edges
            # (its cpu, webgl and webgpu kernels; TF itself divides by the count). The studio
            # trains with that gradient, so the correction to the mean is left out of autograd.
            window_mean = F.avg_pool2d(F.pad(x, pads), self.pool, self.strides)
            inside = F.avg_pool2d(F.pad(torch.ones_like(x[:1, :1]), pads), self.pool, self.strides)
            y = window_mean + (window_mean * (1 / inside - 1)).detach()
        return nchw_to_nhwc(y)


class MaxPooling2D(_Pool2D):
    kind = "max"


class AveragePooling2D(_Pool2D):
    kind = "avg"


class GlobalAveragePooling2D(KLayer):
    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        return xs[0].mean(dim=(1, 2))


class GlobalMaxPooling2D(KLayer):
    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        return xs[0].amax(dim=(1, 2))


class Flatten(KLayer):
    def __init__(self, config: Mapping[str, Any], shapes: Mapping[str, Sequence[int]]) -> None:
        super().__init__(config, shapes)
        _channels_last(config)

    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        return xs[0].reshape(xs[0].shape[0], -1)  # row-major over NHWC, as tfjs


class Reshape(KLayer):
    def __init__(self, config: Mapping[str, Any], shapes: Mapping[str, Sequence[int]]) -> None:
        super().__init__(config, shapes)
        self.target = [int(d) for d in config["target_shape"]]

    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        return xs[0].reshape(xs[0].shape[0], *self.target)


class Dropout(KLayer):
    def __init__(self, config: Mapping[str, Any], shapes: Mapping[str, Sequence[int]]) -> None:
        super().__init__(config, shapes)
        self.rate = float(config.get("rate", 0))
        self.seed = config.get("seed")
        if config.get("noise_shape") is not None:
            raise ValueError(f"layer {self.layer_name}: Dropout with a noise_shape is not supported")
        self._masks: Dict[Tuple[int, ...], Tensor] = {}

    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        x = xs[0]
        if not training or self.rate == 0:
            return x
        if self.seed is None:
            # tfjs seeds an unseeded Dropout from Math.random(): no run can be replayed.
            return F.dropout(x, self.rate, True)
        key = tuple(x.shape)
        if key not in self._masks:  # a seeded tfjs Dropout draws the same mask at every call
            self._masks[key] = torch.from_numpy(dropout_multiplier(key, self.rate, self.seed))
        return x * self._masks[key].to(x.device)


class BatchNormalization(KLayer):
    """Inference: the moving statistics. Training (a student's step): the batch's mean and biased
    variance, and the moving statistics move by m ← m − (m − batch)·(1 − momentum), as tfjs does
    (not torch's BatchNorm: its running variance is unbiased)."""

    def __init__(self, config: Mapping[str, Any], shapes: Mapping[str, Sequence[int]]) -> None:
        super().__init__(config, shapes)
        self.axis = _one_axis(config)
        self.momentum = float(config.get("momentum", 0.99))
        self.epsilon = float(config.get("epsilon", 1e-3))
        self.scale = bool(config.get("scale", True))
        self.center = bool(config.get("center", True))
        if self.scale:
            self._weight("gamma", "same")
        if self.center:
            self._weight("beta", "same")
        self._weight("moving_mean", "same", trainable=False)
        self._weight("moving_variance", "same", trainable=False)

    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        x = xs[0]
        axis = self.axis % x.dim()
        shape = [1] * x.dim()
        shape[axis] = x.shape[axis]
        others = [d for d in range(x.dim()) if d != axis]
        if training:
            mean = x.mean(dim=others, keepdim=True)
            variance = (x - mean).square().mean(dim=others, keepdim=True)
            with torch.no_grad():
                decay = 1 - self.momentum
                self.moving_mean.sub_((self.moving_mean - mean.reshape(-1)) * decay)
                self.moving_variance.sub_((self.moving_variance - variance.reshape(-1)) * decay)
        else:
            mean, variance = self.moving_mean.reshape(shape), self.moving_variance.reshape(shape)
        y = (x - mean) * torch.rsqrt(variance + self.epsilon)
        if self.scale:
            y = y * self.gamma.reshape(shape)
        return y + self.beta.reshape(shape) if self.center else y


class LayerNormalization(KLayer):
    def __init__(self, config: Mapping[str, Any], shapes: Mapping[str, Sequence[int]]) -> None:
        super().__init__(config, shapes)
        self.axis = _one_axis(config)  # tfjs saves it resolved ([3] for NHWC): must be the last, checked per call
        self.epsilon = float(config.get("epsilon", 1e-3))
        self.scale, self.center = bool(config.get("scale", True)), bool(config.get("center", True))
        if self.scale:
            self._weight("gamma", "same")
        if self.center:
            self._weight("beta", "same")

    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        x = xs[0]
        if self.axis % x.dim() != x.dim() - 1:
            raise ValueError(f"layer {self.layer_name}: LayerNormalization over axis {self.axis}, not the last")
        mean = x.mean(dim=-1, keepdim=True)
        y = (x - mean) * torch.rsqrt((x - mean).square().mean(dim=-1, keepdim=True) + self.epsilon)
        if self.scale:
            y = y * self.gamma
        return y + self.beta if self.center else y


class Activation(_Activated):
    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        return self.activate(xs[0], linear)


def _elementwise(name: str, make: Callable[[Mapping[str, Any]], Callable[[Tensor], Tensor]]) -> Type[KLayer]:
    def init(self: KLayer, config: Mapping[str, Any], shapes: Mapping[str, Sequence[int]]) -> None:
        KLayer.__init__(self, config, shapes)
        self.op = make(config)

    def call(self: KLayer, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        return self.op(xs[0])  # type: ignore[attr-defined]

    return type(name, (KLayer,), {"__init__": init, "call": call})


def _relu(config: Mapping[str, Any]) -> Callable[[Tensor], Tensor]:
    top = config.get("max_value")
    return torch.relu if top is None else (lambda x: torch.clamp(torch.relu(x), max=float(top)))


def _merge(name: str, op: Callable[[List[Tensor]], Tensor]) -> Type[KLayer]:
    def call(self: KLayer, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        return op(xs)

    return type(name, (KLayer,), {"call": call})


class Concatenate(KLayer):
    def __init__(self, config: Mapping[str, Any], shapes: Mapping[str, Sequence[int]]) -> None:
        super().__init__(config, shapes)
        self.axis = int(config.get("axis", -1))

    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        return torch.cat(xs, dim=self.axis)


class ZeroPadding2D(KLayer):
    def __init__(self, config: Mapping[str, Any], shapes: Mapping[str, Sequence[int]]) -> None:
        super().__init__(config, shapes)
        _channels_last(config)
        p = config.get("padding", 1)
        # tfjs writes [[top, bottom], [left, right]]; Keras also allows n or [rows, cols].
        if isinstance(p, (int, float)):
            rows = cols = (int(p), int(p))
        elif all(isinstance(v, (int, float)) for v in p):
            rows, cols = (int(p[0]), int(p[0])), (int(p[1]), int(p[1]))
        else:
            rows, cols = _pair(p[0]), _pair(p[1])
        self.pads = (0, 0, cols[0], cols[1], rows[0], rows[1])  # NHWC: C, then W, then H

    def call(self, xs: List[Tensor], training: bool, linear: bool = False) -> Tensor:
        return F.pad(xs[0], self.pads)


LAYERS: Dict[str, Type[KLayer]] = {
    "InputLayer": InputLayer,
    "Dense": Dense,
    "Conv2D": Conv2D,
    "MaxPooling2D": MaxPooling2D,
    "AveragePooling2D": AveragePooling2D,
    "GlobalAveragePooling2D": GlobalAveragePooling2D,
    "GlobalMaxPooling2D": GlobalMaxPooling2D,
    "Flatten": Flatten,
    "Reshape": Reshape,
    "Dropout": Dropout,
    "BatchNormalization": BatchNormalization,
    "LayerNormalization": LayerNormalization,
    "Activation": Activation,
    "ReLU": _elementwise("ReLU", _relu),
    "LeakyReLU": _elementwise("LeakyReLU", lambda c: lambda x: F.leaky_relu(x, float(c.get("alpha", 0.3)))),
    "ELU": _elementwise("ELU", lambda c: lambda x: F.elu(x, float(c.get("alpha", 1.0)))),
    "Softmax": _elementwise("Softmax", lambda c: lambda x: torch.softmax(x, dim=int(c.get("axis", -1)))),
    "Rescaling": _elementwise("Rescaling", lambda c: lambda x: x * float(c["scale"]) + float(c.get("offset", 0))),
    # Left to right, one pair at a time, as tfjs adds and multiplies its inputs.
    "Add": _merge("Add", lambda xs: functools.reduce(torch.add, xs)),
    "Multiply": _merge("Multiply", lambda xs: functools.reduce(torch.mul, xs)),
    "Average": _merge("Average", lambda xs: torch.stack(xs).mean(dim=0)),
    "Maximum": _merge("Maximum", lambda xs: torch.stack(xs).amax(dim=0)),
    "Minimum": _merge("Minimum", lambda xs: torch.stack(xs).amin(dim=0)),
    "Concatenate": Concatenate,
    "ZeroPadding2D": ZeroPadding2D,
}
