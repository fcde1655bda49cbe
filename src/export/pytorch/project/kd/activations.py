"""Activation functions, as the studio's models and tfjs-layers compute them.

Two vocabularies: the studio's own (config/models.ts ACTIVATIONS: relu, tanh, sigmoid, elu,
gelu, where gelu is the tanh approximation), used by its MLP, CNN and window MLP; and
tfjs-layers' (activations.ts), used by layers models, where 'gelu' is the exact erf form and
'gelu_new' the tanh approximation.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable, Dict

import torch
import torch.nn.functional as F

Tensor = torch.Tensor
SQRT_2_OVER_PI = math.sqrt(2 / math.pi)


def gelu_tanh(x: torch.Tensor) -> torch.Tensor:
    """GELU, tanh approximation: the studio's gelu (tfjs has no gelu op; models/mlp.ts writes this).

    Not the exact erf form (torch's default F.gelu, and tfjs-layers' 'gelu'): the two differ by
    up to about 1e-3, far above the parity this project promises.
    """
    return x * 0.5 * (1 + torch.tanh((x + x * x * x * 0.044715) * SQRT_2_OVER_PI))


def activate(x: torch.Tensor, fn: str) -> torch.Tensor:
    """The studio's activations (config/models.ts ACTIVATIONS), as models/mlp.ts `activate`."""
    if fn == "relu":
        return torch.relu(x)
    if fn == "tanh":
        return torch.tanh(x)
    if fn == "sigmoid":
        return torch.sigmoid(x)
    if fn == "elu":
        return F.elu(x)  # alpha 1, as tf.elu
    if fn == "gelu":
        return gelu_tanh(x)
    raise ValueError(f"unknown activation {fn!r} (the studio has relu, tanh, sigmoid, elu, gelu)")


# tfjs-layers' activations, by their snake_case name (kept equal to the TS list in
# src/engine/model-io/pytorch-support.ts by a test).
ACTIVATIONS: Dict[str, Callable[[Tensor], Tensor]] = {
    "linear": lambda x: x,
    "relu": torch.relu,
    "relu6": lambda x: torch.clamp(torch.relu(x), max=6.0),
    "elu": F.elu,
    "selu": F.selu,
    "sigmoid": torch.sigmoid,
    "hard_sigmoid": lambda x: torch.clamp(0.2 * x + 0.5, 0.0, 1.0),
    "softplus": F.softplus,
    "softsign": lambda x: x / (x.abs() + 1),
    "tanh": torch.tanh,
    "softmax": lambda x: torch.softmax(x, dim=-1),
    "log_softmax": lambda x: torch.log_softmax(x, dim=-1),
    "swish": lambda x: torch.sigmoid(x) * x,
    "mish": lambda x: x * torch.tanh(F.softplus(x)),
    # tfjs-layers' 'gelu' is the exact erf form; its 'gelu_new' the tanh approximation.
    "gelu": lambda x: x * (0.5 * (1 + torch.erf(x / math.sqrt(2)))),
    "gelu_new": lambda x: 0.5 * x * (1 + torch.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x**3))),
}


def activation_name(identifier: Any) -> str:
    """'hardSigmoid', 'hard_sigmoid', {class_name: 'HardSigmoid'} → 'hard_sigmoid'."""
    if identifier is None:
        return "linear"
    if isinstance(identifier, dict):
        identifier = identifier.get("class_name")
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", str(identifier)).lower()
    if name not in ACTIVATIONS:
        supported = ", ".join(ACTIVATIONS)
        raise ValueError(f"activation {identifier!r} has no PyTorch counterpart here (supported: {supported})")
    return name
