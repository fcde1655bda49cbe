"""The studio's models in PyTorch, with its layer layout and its forward maths.

Each module's `forward(x, training=False)` returns `(logits [rows, classes], features
[rows, width])` as the studio's `Model.forward` does (src/engine/models/types.ts): a sequence
model returns one row per token ([B·T, vocab]). Weights load from and save to the studio's
tfjs files through `kd.layout` (`bindings()` names every weight as the files do).

- `MLP`, `CNN`: src/engine/models/{mlp,cnn}.ts, read from the layers-model files the studio
  writes for them (src/engine/model-io/export.ts `studentLayers`; the spec travels in
  userDefinedMetadata.kdStudio).
- `CharTransformer`: src/engine/models/transformer.ts ("kd-studio-transformer" files).
- `WindowMLP`: src/engine/models/sequence.ts ("kd-studio-window-mlp" files,
  src/engine/model-io/window-mlp.ts).
- any other layers model (the shipped Fashion-MNIST teacher, imported models): `kd.keras`.

What a training script uses:

    module = build_from_files("student-1.json")          # any of the above, weights loaded
    logits, features = module(x, training=True)           # x: NHWC images, rows, or int tokens [B, T]
    module.sequence_logits(tokens)                        # sequence models: [B, T, vocab], for sampling
    save_tfjs(module, "student-1.json", out_dir, "student-1-trained")   # back to the studio
    module.tfjs_weights(grad=True)                        # gradients in tfjs's layout (for checks)
    exact_float32()                                       # on GPUs: no TF32, or parity is lost

`training=True` only matters for imported layers models (BatchNormalization, Dropout), as in
the studio, where only a student's own step sets it.
"""

from __future__ import annotations

import math
from typing import Any, Dict, List, Mapping, Sequence, Tuple, Union

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from .activations import activate, gelu_tanh
from .layout import Binding, TfjsModule, flatten_nhwc, nhwc_to_nchw
from .tfjs_io import load_json, manifest_specs, read_tfjs, write_tfjs

def _dense_bindings(names: Sequence[str], layers: Sequence[nn.Linear]) -> List[Binding]:
    out: List[Binding] = []
    for name, layer in zip(names, layers):
        out += [(f"{name}/kernel", layer.weight, "dense"), (f"{name}/bias", layer.bias, "same")]
    return out


def dense_names(hidden: int) -> List[str]:
    """Layer names of export.ts's dense stack: dense1 … , the last hidden 'features', then 'logits'."""
    return [("features" if i == hidden - 1 else f"dense{i + 1}") for i in range(hidden)] + ["logits"]


def dense_stack(h: torch.Tensor, layers: Sequence[nn.Linear], fn: str) -> Tuple[torch.Tensor, torch.Tensor]:
    """models/mlp.ts `denseStack`: the activation after every layer but the last; features are the
    last hidden layer's output, or the input when there is none."""
    features = h
    for i, layer in enumerate(layers):
        z = layer(h)
        if i < len(layers) - 1:
            h = activate(z, fn)
            features = h
        else:
            h = z
    return h, features


class MLP(TfjsModule):
    """Dense layers on flattened inputs (images flatten NHWC, row-major, as tfjs's reshape)."""

    def __init__(self, inputs: int, hidden: Sequence[int], classes: int, activation: str) -> None:
        super().__init__()
        activate(torch.zeros(1), activation)  # refuses an unknown activation now, not at the first step
        sizes = [inputs, *hidden, classes]
        self.activation = activation
        self.dense = nn.ModuleList(nn.Linear(sizes[i], sizes[i + 1]) for i in range(len(sizes) - 1))
        self.names = dense_names(len(hidden))

    def bindings(self) -> List[Binding]:
        return _dense_bindings(self.names, list(self.dense))

    def forward(self, x: torch.Tensor, training: bool = False) -> Tuple[torch.Tensor, torch.Tensor]:
        return dense_stack(x.reshape(x.shape[0], -1), list(self.dense), self.activation)


def cnn_shapes(input_shape: Sequence[int], filters: Sequence[int]) -> Tuple[int, int, int]:
    """Height, width and channels after the conv blocks (each 2×2 pool halves, rounding down)."""
    h, w, c = input_shape
    for f in filters:
        h, w, c = h // 2, w // 2, f
    return h, w, c


class CNN(TfjsModule):
    """models/cnn.ts: blocks of 3×3 conv (same padding, stride 1) + activation + 2×2 max-pool, then dense.

    Inputs are NHWC [N, H, W, C] (or flat rows, reshaped as cnn.ts does). forward permutes to
    NCHW on entry and flattens back in NHWC order (kd.layout.flatten_nhwc), so every kernel
    keeps its tfjs meaning.
    """

    def __init__(
        self, input_shape: Sequence[int], filters: Sequence[int], hidden: Sequence[int], classes: int, activation: str
    ) -> None:
        super().__init__()
        activate(torch.zeros(1), activation)
        if len(input_shape) != 3:
            raise ValueError(f"a CNN needs image inputs (height, width, channels), got {list(input_shape)}")
        self.input_shape = [int(d) for d in input_shape]
        self.activation = activation
        channels = [self.input_shape[2], *filters]
        # 3×3, stride 1: TF's 'same' pads one pixel on every side, as padding=1 does.
        self.convs = nn.ModuleList(nn.Conv2d(channels[i], channels[i + 1], 3, padding=1) for i in range(len(filters)))
        h, w, c = cnn_shapes(self.input_shape, filters)
        sizes = [h * w * c, *hidden, classes]
        self.dense = nn.ModuleList(nn.Linear(sizes[i], sizes[i + 1]) for i in range(len(sizes) - 1))
        self.names = dense_names(len(hidden))

    def bindings(self) -> List[Binding]:
        out: List[Binding] = []
        for i, conv in enumerate(self.convs):
            out += [(f"conv{i + 1}/kernel", conv.weight, "conv"), (f"conv{i + 1}/bias", conv.bias, "same")]
        return out + _dense_bindings(self.names, list(self.dense))

    def forward(self, x: torch.Tensor, training: bool = False) -> Tuple[torch.Tensor, torch.Tensor]:
        h = x if x.dim() == 4 else x.reshape(x.shape[0], *self.input_shape)
        h = nhwc_to_nchw(h)
        for conv in self.convs:
            h = F.max_pool2d(activate(conv(h), self.activation), 2, 2)
        return dense_stack(flatten_nhwc(h), list(self.dense), self.activation)


LN_EPSILON = 1e-5
MASKED = -1e9  # as transformer.ts: exp() of a masked score is exactly 0 in float32


class Block(nn.Module):
    """One pre-LayerNorm block: h + attn(LN1(h)), then h + MLP(LN2(h)) with a tanh-GELU."""

    def __init__(self, width: int, heads: int, hidden: int) -> None:
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(width, eps=LN_EPSILON)
        self.qkv = nn.Linear(width, 3 * width)
        self.out = nn.Linear(width, width)
        self.ln2 = nn.LayerNorm(width, eps=LN_EPSILON)
        self.mlp_in = nn.Linear(width, hidden)
        self.mlp_out = nn.Linear(hidden, width)

    def forward(self, h: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        batch, steps, width = h.shape
        head = width // self.heads
        # The qkv columns are [q | k | v] (tf.split into 3 along the last axis), each heads × head.
        q, k, v = self.qkv(self.ln1(h)).split(width, dim=-1)

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.reshape(batch, steps, self.heads, head).transpose(1, 2)

        # Scaled after the product, by 1/√head, then the additive causal mask: transformer.ts's order.
        scores = torch.matmul(split(q), split(k).transpose(-1, -2)) * (1 / math.sqrt(head)) + mask
        attended = torch.matmul(torch.softmax(scores, dim=-1), split(v))
        h = h + self.out(attended.transpose(1, 2).reshape(batch, steps, width))
        return h + self.mlp_out(gelu_tanh(self.mlp_in(self.ln2(h))))


class CharTransformer(TfjsModule):
    """models/transformer.ts: decoder-only, pre-LayerNorm, learned positions, no weight tying.

    tokens [B, T] (int, T ≤ context) → embeddings E[tokens] + P[:T] (the studio computes
    oneHot·E, the same values) → blocks → final LayerNorm (the features) → head (the logits).
    """

    def __init__(self, vocab: int, context: int, layers: int, width: int, heads: int, mlp_ratio: int = 4) -> None:
        super().__init__()
        if width % heads != 0:
            raise ValueError(f"width {width} is not divisible by heads {heads}")
        self.config = dict(vocab=vocab, context=context, layers=layers, width=width, heads=heads, mlpRatio=mlp_ratio)
        self.vocab, self.context = vocab, context
        self.tokens = nn.Parameter(torch.zeros(vocab, width))
        self.positions = nn.Parameter(torch.zeros(context, width))
        self.blocks = nn.ModuleList(Block(width, heads, mlp_ratio * width) for _ in range(layers))
        self.final_ln = nn.LayerNorm(width, eps=LN_EPSILON)
        self.head = nn.Linear(width, vocab)
        mask = torch.triu(torch.full((context, context), MASKED), diagonal=1)
        self.register_buffer("mask", mask, persistent=False)

    def bindings(self) -> List[Binding]:
        out: List[Binding] = [("embed/tokens", self.tokens, "same"), ("embed/positions", self.positions, "same")]
        for i, b in enumerate(self.blocks):
            p = f"block{i}"
            out += [
                (f"{p}/ln1/gamma", b.ln1.weight, "same"),
                (f"{p}/ln1/beta", b.ln1.bias, "same"),
                (f"{p}/attn/qkv/w", b.qkv.weight, "dense"),
                (f"{p}/attn/qkv/b", b.qkv.bias, "same"),
                (f"{p}/attn/out/w", b.out.weight, "dense"),
                (f"{p}/attn/out/b", b.out.bias, "same"),
                (f"{p}/ln2/gamma", b.ln2.weight, "same"),
                (f"{p}/ln2/beta", b.ln2.bias, "same"),
                (f"{p}/mlp/in/w", b.mlp_in.weight, "dense"),
                (f"{p}/mlp/in/b", b.mlp_in.bias, "same"),
                (f"{p}/mlp/out/w", b.mlp_out.weight, "dense"),
                (f"{p}/mlp/out/b", b.mlp_out.bias, "same"),
            ]
        return out + [
            ("final/ln/gamma", self.final_ln.weight, "same"),
            ("final/ln/beta", self.final_ln.bias, "same"),
            ("head/w", self.head.weight, "dense"),
            ("head/b", self.head.bias, "same"),
        ]

    def sequence(self, tokens: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """Per-position (logits [B, T, vocab], features [B, T, width]): what generation reads."""
        steps = tokens.shape[1]
        if steps > self.context:
            raise ValueError(f"{steps} tokens exceed the context of {self.context}")
        h = F.embedding(tokens.long(), self.tokens) + self.positions[:steps]
        mask = self.mask[:steps, :steps]
        for block in self.blocks:
            h = block(h, mask)
        features = self.final_ln(h)
        return self.head(features), features

    def sequence_logits(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.sequence(tokens)[0]

    def forward(self, x: torch.Tensor, training: bool = False) -> Tuple[torch.Tensor, torch.Tensor]:
        logits, features = self.sequence(x)
        return logits.reshape(-1, self.vocab), features.reshape(-1, features.shape[-1])


PAD_ID = 0  # models/sequence.ts: the token id that left-pads a window (the corpus's "\n")


class WindowMLP(TfjsModule):
    """models/sequence.ts `createWindowMlp`: position t sees the embeddings of tokens t-w+1 … t
    (left-padded with PAD_ID's learned embedding), concatenated oldest first, through an MLP."""

    def __init__(
        self, vocab: int, context: int, window: int, embed: int, hidden: Sequence[int], activation: str
    ) -> None:
        super().__init__()
        activate(torch.zeros(1), activation)
        self.vocab, self.context, self.window, self.activation = vocab, context, window, activation
        self.embed = nn.Parameter(torch.zeros(vocab, embed))
        sizes = [window * embed, *hidden, vocab]
        self.dense = nn.ModuleList(nn.Linear(sizes[i], sizes[i + 1]) for i in range(len(sizes) - 1))

    def bindings(self) -> List[Binding]:
        out: List[Binding] = [("embed", self.embed, "same")]
        for i, layer in enumerate(self.dense):
            out += [(f"dense{i + 1}/w", layer.weight, "dense"), (f"dense{i + 1}/b", layer.bias, "same")]
        return out

    def forward(self, x: torch.Tensor, training: bool = False) -> Tuple[torch.Tensor, torch.Tensor]:
        batch, steps = x.shape
        embedded = F.embedding(F.pad(x.long(), (self.window - 1, 0), value=PAD_ID), self.embed)
        views = [embedded[:, k : k + steps] for k in range(self.window)]
        h = torch.cat(views, dim=2).reshape(batch * steps, -1)
        return dense_stack(h, list(self.dense), self.activation)

    def sequence_logits(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.forward(tokens)[0].reshape(tokens.shape[0], tokens.shape[1], self.vocab)


SequenceModule = Union[CharTransformer, WindowMLP]


class InputMapped(TfjsModule):
    """models/sequence.ts `withInputMap`: a text student with its own vocabulary reads the
    teacher's token ids through `table` (teacher id → its own id) in forward, as the studio
    trains it; `sequence_logits` (generation) reads and writes its own ids. The table is not
    part of the model's files: it comes with the task's data. Saves as the inner model."""

    def __init__(self, inner: TfjsModule, table: Sequence[int]) -> None:
        super().__init__()
        self.inner = inner
        self.register_buffer("table", torch.tensor(list(table), dtype=torch.long), persistent=False)

    def bindings(self) -> List[Binding]:
        return self.inner.bindings()

    def forward(self, x: torch.Tensor, training: bool = False) -> Tuple[torch.Tensor, torch.Tensor]:
        return self.inner(self.table[x.long()], training)

    def sequence_logits(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.inner.sequence_logits(tokens)  # type: ignore[operator]


def exact_float32() -> None:
    """Plain float32 maths on GPUs too: Ampere and later run convolutions (cuDNN's default) and,
    if enabled, matrix products in TF32, with a 10-bit mantissa: about 1e-3 relative, far from
    the studio's float32 numbers. Call once before replaying a studio run on a GPU."""
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False


def build_module(model_json: Mapping[str, Any]) -> TfjsModule:
    """The module a model.json describes, with unset weights (`load_tfjs` fills them)."""
    fmt = model_json.get("format")
    if fmt == "kd-studio-transformer":
        c = model_json["config"]
        return CharTransformer(c["vocab"], c["context"], c["layers"], c["width"], c["heads"], c["mlpRatio"])
    if fmt == "kd-studio-window-mlp":
        s = model_json["spec"]
        return WindowMLP(
            model_json["vocab"], model_json["context"], s["window"], s["embed"], s["hidden"], s["activation"]
        )
    if fmt != "layers-model":
        raise ValueError(f"model.json has format {fmt!r}: not a model this project can build")
    meta = (model_json.get("userDefinedMetadata") or {}).get("kdStudio") or {}
    spec: Dict[str, Any] = meta.get("student") or {}
    if spec.get("kind") == "mlp":
        inputs = int(np.prod(meta["inputShape"]))
        return MLP(inputs, spec["hidden"], meta["classes"], spec["activation"])
    if spec.get("kind") == "cnn":
        return CNN(meta["inputShape"], spec["filters"], spec["hidden"], meta["classes"], spec["activation"])
    from .keras import KerasModel  # only layers models that are not the studio's own need it

    shapes = {spec["name"]: spec["shape"] for spec in manifest_specs(model_json)}
    return KerasModel(model_json["modelTopology"], shapes)


def build_from_files(json_path: str) -> TfjsModule:
    """Reads `<name>.json` and its weight file, builds the module and loads the weights."""
    model_json, weights = read_tfjs(json_path)
    module = build_module(model_json)
    module.load_tfjs(dict(weights))
    return module


def save_tfjs(module: TfjsModule, template_json: Union[str, Mapping[str, Any]], out_dir: str, name: str) -> str:
    """Writes the module's current weights as `<name>.json` + `<name>.bin` in out_dir; returns the json path.

    template_json (a path or the parsed model.json the studio wrote for this model) supplies
    everything but the weights: the topology or architecture, the format, the metadata, and
    the order of the weights (the manifest's). So nothing here writes Keras JSON, and the
    files import back into the studio as the model it exported.
    """
    template = load_json(template_json)
    ours = dict(module.tfjs_weights())
    specs = manifest_specs(template)
    listed = [s["name"] for s in specs]
    if sorted(listed) != sorted(ours):
        raise ValueError(
            f"the template lists {len(listed)} weights that do not match the module's {len(ours)}: "
            f"only in the template {sorted(set(listed) - set(ours))}, "
            f"only in the module {sorted(set(ours) - set(listed))}"
        )
    for s in specs:
        if [int(d) for d in s["shape"]] != list(ours[s["name"]].shape):
            raise ValueError(f"weight {s['name']}: the template's shape {s['shape']} is not the module's")
    return write_tfjs(out_dir, name, template, [(n, ours[n]) for n in listed])
