"""Any tfjs layers model the studio can load, as a torch module: the shipped Fashion-MNIST
teacher, and the models users import (Sequential or functional, one input, one output).

The graph is run as tfjs runs it, with activations kept NHWC between layers (as tfjs holds
them): Flatten, Reshape, Dense on feature maps, BatchNormalization's axis -1, Concatenate and
a seeded Dropout's mask all then mean what they mean in the file. Conv2D and the pooling
layers permute to NCHW for torch's kernels and straight back (kd.layout).

The logits and the features are found as the studio finds them (models/output-activation.ts
`findLogits`, models/pretrained.ts `wrapLayersModel`): the logits are the values before a
final softmax or sigmoid (a separate Activation/Softmax layer is skipped; an output layer's
own softmax is left out), the features are the layer named 'features', else the layer
feeding the logits' layer, flattened to [rows, width].
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import torch
from torch import nn

from .layout import Binding, TfjsModule
from .keras_layers import LAYERS, KLayer

SQUASHES = ("softmax", "sigmoid")

# Every Keras layer class this module can build (kept equal to the TS list in
# src/engine/model-io/pytorch-support.ts by a test).
SUPPORTED_LAYERS: Tuple[str, ...] = tuple(sorted(LAYERS))


def _layer_list(topology: Mapping[str, Any]) -> Tuple[str, Any]:
    model = topology.get("model_config", topology)
    cls = model.get("class_name")
    config = model.get("config")
    layers = config if isinstance(config, list) else (config or {}).get("layers")
    if cls not in ("Sequential", "Model", "Functional") or not isinstance(layers, list):
        raise ValueError(f"modelTopology is a {cls!r}: only Sequential and functional (Model) topologies are supported")
    return cls, model


def _inbound(layer: Mapping[str, Any]) -> List[str]:
    """The names of the layers feeding a functional layer (one call of it only)."""
    nodes = layer.get("inbound_nodes") or []
    if len(nodes) > 1:
        name = layer["config"]["name"]
        raise ValueError(f"layer {name} is applied {len(nodes)} times: shared layers are not supported")
    names = []
    for entry in nodes[0] if nodes else []:
        if entry[1] != 0 or entry[2] != 0:
            raise ValueError(f"layer {layer['config']['name']} reads a second output of {entry[0]}: not supported")
        names.append(entry[0])
    return names


class KerasModel(TfjsModule):
    """A Keras topology as a torch module; weight shapes come from the manifest (`shapes`)."""

    def __init__(self, topology: Mapping[str, Any], shapes: Mapping[str, Sequence[int]]) -> None:
        super().__init__()
        cls, model = _layer_list(topology)
        configs = model["config"] if isinstance(model["config"], list) else model["config"]["layers"]
        self.order: List[str] = []
        self.inputs_of: Dict[str, List[str]] = {}
        # A list, not a ModuleDict: Keras names may hold characters a ModuleDict key may not ('.').
        self.modules_list = nn.ModuleList()
        self.layers: Dict[str, KLayer] = {}
        self.classes: Dict[str, str] = {}
        self.input_shape: Optional[List[int]] = None
        previous = "__input__"
        for entry in configs:
            layer_cls = entry["class_name"]
            config = entry["config"]
            name = config["name"]
            if layer_cls not in LAYERS:
                raise ValueError(
                    f"layer {name} is a {layer_cls}, which has no PyTorch counterpart here "
                    f"(supported: {', '.join(SUPPORTED_LAYERS)})"
                )
            if "batch_input_shape" in config and self.input_shape is None:
                self.input_shape = [int(d) for d in config["batch_input_shape"][1:]]
            if cls == "Sequential":
                inputs = [previous] if layer_cls != "InputLayer" else []
                previous = name
            else:
                inputs = _inbound(entry)
            if not inputs and layer_cls != "InputLayer":
                inputs = ["__input__"]
            self.order.append(name)
            self.inputs_of[name] = inputs or ["__input__"]
            self.classes[name] = layer_cls
            if name in self.layers:
                raise ValueError(f"two layers are named {name}")
            self.layers[name] = LAYERS[layer_cls](config, shapes)
            self.modules_list.append(self.layers[name])
        if self.input_shape is None:
            raise ValueError("the topology declares no input shape (batch_input_shape)")
        if cls == "Sequential":
            output = self.order[-1]
        else:
            outs, ins = model["config"]["output_layers"], model["config"]["input_layers"]
            if len(outs) != 1 or len(ins) != 1:
                raise ValueError(f"the model has {len(ins)} inputs and {len(outs)} outputs; one of each is supported")
            output = outs[0][0]
        self._find_taps(output)

    def _find_taps(self, output: str) -> None:
        last = self.layers[output]
        cls = self.classes[output]
        separate = cls == "Softmax" or (cls == "Activation" and last.activation_name in SQUASHES)
        before = self.inputs_of[output]
        # The layer whose own softmax/sigmoid is left out while the logits are read (findLogits' inLayer).
        self.linear_layer: Optional[str] = None
        if separate and len(before) == 1 and before[0] != "__input__":
            self.logits_node, source = before[0], before[0]
            self.output_activation: Optional[str] = "softmax" if cls == "Softmax" else last.activation_name
        else:
            self.logits_node, source = output, output
            own = getattr(last, "activation_name", None)
            self.output_activation = own if own in SQUASHES else None
            if self.output_activation:
                self.linear_layer = output
        if "features" in self.layers:
            self.features_node = "features"
        else:
            # wrapLayersModel: the layer feeding the logits' layer (the input, for a first layer).
            self.features_node = self.inputs_of[source][0]

    def bindings(self) -> List[Binding]:
        return [(f"{name}/{suffix}", t, kind) for name in self.order for suffix, t, kind in self.layers[name].weights()]

    def _run(self, x: torch.Tensor, wanted: Sequence[str], training: bool) -> List[torch.Tensor]:
        values: Dict[str, torch.Tensor] = {"__input__": x}

        def value(name: str) -> torch.Tensor:
            if name not in values:
                args = [value(i) for i in self.inputs_of[name]]
                values[name] = self.layers[name].call(args, training, linear=name == self.linear_layer)
            return values[name]

        return [value(n) for n in wanted]

    def forward(self, x: torch.Tensor, training: bool = False) -> Tuple[torch.Tensor, torch.Tensor]:
        assert self.input_shape is not None
        if list(x.shape[1:]) != self.input_shape:
            x = x.reshape(x.shape[0], *self.input_shape)
        logits, features = self._run(x, [self.logits_node, self.features_node], training)
        return logits.reshape(x.shape[0], -1), features.reshape(x.shape[0], -1)
