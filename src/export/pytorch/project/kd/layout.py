"""Weight and activation layouts: TensorFlow.js (Keras) on one side, PyTorch on the other.

The studio's files hold every weight in the tfjs layout; the torch modules hold them in the
torch layout. Every conversion is one named function here, so that loading, saving and
comparing gradients all go through the same few lines (and the tests pin each one down):

- a Dense kernel is [in, out] in tfjs (y = x·K + b) and [out, in] in torch (y = x·Wᵀ + b);
- a Conv2D kernel is HWIO [kh, kw, in, out] in tfjs and OIHW [out, in, kh, kw] in torch;
- activations: images arrive NHWC ([N, H, W, C], the data files' and tfjs's layout); torch
  convolves NCHW. The CNN permutes NHWC → NCHW once, on entry (`nhwc_to_nchw`), and back
  before it flattens (`flatten_nhwc`): tfjs flattens NHWC, so the first Dense kernel after a
  conv keeps its tfjs row order and converts like any other Dense kernel. (The alternative,
  permuting that kernel's rows, would make one Dense kernel unlike the others on save and in
  every gradient comparison.)

`TfjsModule` is the base of every module here: it lists (tfjs name, torch tensor, layout) for
each weight, and loads or saves the tfjs weights through the functions above.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping, Sequence, Tuple, TypeVar, Union

import numpy as np
import torch
from torch import nn

Array = TypeVar("Array", np.ndarray, torch.Tensor)


def _permute(a: Array, axes: Sequence[int]) -> Array:
    if isinstance(a, torch.Tensor):
        return a.permute(*axes)
    return np.transpose(a, axes)


def dense_kernel_to_torch(kernel: Array) -> Array:
    """tfjs Dense kernel [in, out] → torch Linear weight [out, in]."""
    if kernel.ndim != 2:
        raise ValueError(f"a Dense kernel has 2 dimensions, got shape {tuple(kernel.shape)}")
    return _permute(kernel, (1, 0))


def dense_weight_to_tfjs(weight: Array) -> Array:
    """torch Linear weight [out, in] → tfjs Dense kernel [in, out]."""
    if weight.ndim != 2:
        raise ValueError(f"a Linear weight has 2 dimensions, got shape {tuple(weight.shape)}")
    return _permute(weight, (1, 0))


def conv_kernel_to_torch(kernel: Array) -> Array:
    """tfjs Conv2D kernel HWIO [kh, kw, in, out] → torch Conv2d weight OIHW [out, in, kh, kw]."""
    if kernel.ndim != 4:
        raise ValueError(f"a Conv2D kernel has 4 dimensions, got shape {tuple(kernel.shape)}")
    return _permute(kernel, (3, 2, 0, 1))


def conv_weight_to_tfjs(weight: Array) -> Array:
    """torch Conv2d weight OIHW [out, in, kh, kw] → tfjs Conv2D kernel HWIO [kh, kw, in, out]."""
    if weight.ndim != 4:
        raise ValueError(f"a Conv2d weight has 4 dimensions, got shape {tuple(weight.shape)}")
    return _permute(weight, (2, 3, 1, 0))


def nhwc_to_nchw(x: torch.Tensor) -> torch.Tensor:
    """Images as the data files and tfjs hold them [N, H, W, C] → torch's [N, C, H, W]."""
    if x.dim() != 4:
        raise ValueError(f"images have 4 dimensions [N, H, W, C], got shape {tuple(x.shape)}")
    return x.permute(0, 3, 1, 2)


def nchw_to_nhwc(x: torch.Tensor) -> torch.Tensor:
    """torch's [N, C, H, W] → tfjs's [N, H, W, C]."""
    if x.dim() != 4:
        raise ValueError(f"feature maps have 4 dimensions [N, C, H, W], got shape {tuple(x.shape)}")
    return x.permute(0, 2, 3, 1)


def flatten_nhwc(x: torch.Tensor) -> torch.Tensor:
    """NCHW feature maps flattened in tfjs's order (row-major over H, W, C): [N, H·W·C]."""
    return nchw_to_nhwc(x).reshape(x.shape[0], -1)


def _same(a: Array) -> Array:
    return a


# How a weight's layout differs between the two sides, by kind: 'same' (biases, LayerNorm and
# BatchNorm vectors, embeddings: identical), 'dense' (transposed), 'conv' (HWIO ↔ OIHW).
TO_TORCH: Dict[str, Callable[[Any], Any]] = {
    "same": _same,
    "dense": dense_kernel_to_torch,
    "conv": conv_kernel_to_torch,
}
TO_TFJS: Dict[str, Callable[[Any], Any]] = {
    "same": _same,
    "dense": dense_weight_to_tfjs,
    "conv": conv_weight_to_tfjs,
}

# One weight: its name in the tfjs files, the torch parameter or buffer, and its layout kind.
Binding = Tuple[str, torch.Tensor, str]
NamedArrays = List[Tuple[str, np.ndarray]]


class TfjsModule(nn.Module):
    """A module whose weights are named and laid out as in the studio's tfjs files."""

    def bindings(self) -> List[Binding]:
        """Every weight, in the order the studio's writer lists them."""
        raise NotImplementedError

    def forward(self, x: torch.Tensor, training: bool = False) -> Tuple[torch.Tensor, torch.Tensor]:
        """(logits [rows, classes], features [rows, width]), as the studio's Model.forward."""
        raise NotImplementedError

    def load_tfjs(self, weights: Mapping[str, np.ndarray]) -> None:
        """Copies tfjs-layout weights (by name) into this module; every weight must be given."""
        wanted = {name for name, _, _ in self.bindings()}
        missing = sorted(wanted - set(weights))
        extra = sorted(set(weights) - wanted)
        if missing or extra:
            raise ValueError(
                f"the weight files do not match the model: missing {missing or 'none'}, unexpected {extra or 'none'}"
            )
        with torch.no_grad():
            for name, tensor, kind in self.bindings():
                value = np.ascontiguousarray(TO_TORCH[kind](np.asarray(weights[name], dtype=np.float32)))
                if tuple(value.shape) != tuple(tensor.shape):
                    raise ValueError(
                        f"weight {name}: the file gives {tuple(weights[name].shape)}, which is "
                        f"{tuple(value.shape)} in torch's layout, but the model needs {tuple(tensor.shape)}"
                    )
                tensor.copy_(torch.from_numpy(value))

    def tfjs_weights(self, grad: bool = False) -> NamedArrays:
        """The weights (or, with grad=True, their gradients: zeros where none) in tfjs's layout."""
        out: NamedArrays = []
        for name, tensor, kind in self.bindings():
            source: Union[torch.Tensor, None] = tensor.grad if grad else tensor
            if source is None:
                source = torch.zeros_like(tensor)
            out.append((name, np.ascontiguousarray(TO_TFJS[kind](source.detach().cpu().numpy()), dtype=np.float32)))
        return out
