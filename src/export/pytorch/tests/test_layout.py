"""Unit tests of the layout conversions and the file reader/writer (kd/layout.py, kd/tfjs_io.py).

Each conversion is checked against a case built by hand where the two layouts disagree, and
round-trips. Run alone with `PYTHONPATH=src/export/pytorch/project python3 -m unittest
src/export/pytorch/tests/test_layout.py`, or from vitest (models-python.test.ts).
"""

from __future__ import annotations

import json
import os
import tempfile
import unittest

import numpy as np
import torch
import torch.nn.functional as F

from kd.keras_layers import same_padding
from kd.layout import (
    conv_kernel_to_torch,
    conv_weight_to_tfjs,
    dense_kernel_to_torch,
    dense_weight_to_tfjs,
    flatten_nhwc,
    nchw_to_nhwc,
    nhwc_to_nchw,
)
from kd.models import MLP, CharTransformer, InputMapped, build_from_files, save_tfjs
from kd.tfjs_io import read_tfjs, write_tfjs
from kd.tfjs_random import alea


def _write(path: str, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)


class DenseKernel(unittest.TestCase):
    def test_2x3_kernel_by_hand(self) -> None:
        # tfjs: y = x·K with K [in=2, out=3]; torch: y = x·Wᵀ with W [out=3, in=2].
        k = np.array([[1, 2, 3], [4, 5, 6]], dtype=np.float32)
        w = dense_kernel_to_torch(k)
        self.assertEqual(w.tolist(), [[1, 4], [2, 5], [3, 6]])
        x = np.array([[1.0, 10.0]], dtype=np.float32)
        torch_y = F.linear(torch.from_numpy(x), torch.from_numpy(np.ascontiguousarray(w))).numpy()
        np.testing.assert_array_equal(torch_y, x @ k)  # [[41, 52, 63]]
        self.assertEqual(torch_y.tolist(), [[41.0, 52.0, 63.0]])

    def test_round_trip_numpy_and_torch(self) -> None:
        k = np.arange(12, dtype=np.float32).reshape(3, 4)
        np.testing.assert_array_equal(dense_weight_to_tfjs(dense_kernel_to_torch(k)), k)
        t = torch.arange(12.0).reshape(3, 4)
        self.assertTrue(torch.equal(dense_kernel_to_torch(dense_weight_to_tfjs(t)), t))

    def test_refuses_wrong_rank(self) -> None:
        with self.assertRaisesRegex(ValueError, "2 dimensions"):
            dense_kernel_to_torch(np.zeros((2, 2, 2)))


class ConvKernel(unittest.TestCase):
    def test_hwio_to_oihw_by_hand(self) -> None:
        # kernel[h, w, i, o] = 1000·h + 100·w + 10·i + o: every index is readable in the value.
        kh, kw, cin, cout = 3, 2, 2, 4
        k = np.fromfunction(lambda h, w, i, o: 1000 * h + 100 * w + 10 * i + o, (kh, kw, cin, cout), dtype=np.float32)
        t = conv_kernel_to_torch(k)
        self.assertEqual(t.shape, (cout, cin, kh, kw))
        self.assertEqual(t[3, 1, 2, 0], 2000 + 0 + 10 + 3)  # o=3, i=1, h=2, w=0
        np.testing.assert_array_equal(conv_weight_to_tfjs(t), k)

    def test_convolution_agrees_with_a_direct_nhwc_sum(self) -> None:
        # A 'valid' conv written out as tfjs defines it on NHWC: y[n,y,x,o] = Σ x[n,y+h,x+w,i]·K[h,w,i,o].
        rng = np.random.default_rng(1)
        x = rng.standard_normal((2, 5, 4, 3)).astype(np.float32)
        k = rng.standard_normal((3, 2, 3, 2)).astype(np.float32)
        want = np.zeros((2, 3, 3, 2), dtype=np.float64)
        for h in range(3):
            for w in range(2):
                want += np.einsum("nyxi,io->nyxo", x[:, h : h + 3, w : w + 3, :], k[h, w])
        kernel = torch.from_numpy(np.ascontiguousarray(conv_kernel_to_torch(k)))
        got = F.conv2d(nhwc_to_nchw(torch.from_numpy(x)), kernel)
        np.testing.assert_allclose(nchw_to_nhwc(got).numpy(), want, atol=1e-5)
        # A plain reshape to OIHW (the wrong conversion) gives another answer.
        wrong = torch.from_numpy(np.ascontiguousarray(k.reshape(2, 3, 3, 2)))
        self.assertFalse(np.allclose(nchw_to_nhwc(F.conv2d(nhwc_to_nchw(torch.from_numpy(x)), wrong)).numpy(), want))


class Flatten(unittest.TestCase):
    def test_nhwc_order_differs_from_nchw(self) -> None:
        # One image, H=1, W=2, C=2: NHWC values [[a, b], [c, d]] (pixel, channel).
        nhwc = torch.tensor([[[[1.0, 2.0], [3.0, 4.0]]]])
        nchw = nhwc_to_nchw(nhwc)
        self.assertEqual(flatten_nhwc(nchw).tolist(), [[1.0, 2.0, 3.0, 4.0]])  # tfjs's order
        self.assertEqual(nchw.reshape(1, -1).tolist(), [[1.0, 3.0, 2.0, 4.0]])  # torch's would be this
        # A Dense after it: kernel rows in tfjs order meet the right inputs only through flatten_nhwc.
        kernel = torch.tensor([[1.0], [10.0], [100.0], [1000.0]])
        self.assertEqual((flatten_nhwc(nchw) @ kernel).item(), 4321.0)
        self.assertEqual((nchw.reshape(1, -1) @ kernel).item(), 4231.0)

    def test_permutes_round_trip(self) -> None:
        x = torch.arange(2 * 3 * 4 * 5.0).reshape(2, 3, 4, 5)
        self.assertTrue(torch.equal(nchw_to_nhwc(nhwc_to_nchw(x)), x))


class SamePadding(unittest.TestCase):
    def test_tf_puts_the_odd_pixel_at_the_end(self) -> None:
        self.assertEqual(same_padding(28, 3, 1), (1, 1))
        self.assertEqual(same_padding(28, 3, 2), (0, 1))  # out 14: 13·2 + 3 − 28 = 1
        self.assertEqual(same_padding(7, 2, 2), (0, 1))
        self.assertEqual(same_padding(8, 2, 2), (0, 0))


class Files(unittest.TestCase):
    def test_write_then_read_keeps_names_order_and_values(self) -> None:
        weights = [
            ("b/kernel", np.arange(6, dtype=np.float32).reshape(2, 3)),
            ("a/bias", np.array([1.5, -2], np.float32)),
        ]
        with tempfile.TemporaryDirectory() as d:
            path = write_tfjs(d, "m", {"format": "layers-model", "modelTopology": {"x": 1}}, weights)
            with open(os.path.join(d, "m.json")) as f:
                j = json.load(f)
            self.assertEqual(j["weightsManifest"][0]["paths"], ["m.bin"])
            self.assertEqual([w["name"] for w in j["weightsManifest"][0]["weights"]], ["b/kernel", "a/bias"])
            self.assertEqual(os.path.getsize(os.path.join(d, "m.bin")), 8 * 4)
            with open(os.path.join(d, "m.bin"), "rb") as f:
                self.assertEqual(f.read(4), np.float32(0).tobytes())  # little-endian, manifest order
            model_json, back = read_tfjs(path)
            self.assertEqual(model_json["modelTopology"], {"x": 1})
            self.assertEqual([n for n, _ in back], ["b/kernel", "a/bias"])
            np.testing.assert_array_equal(back[0][1], weights[0][1])

    def test_reads_several_groups_and_shards_and_refuses_a_wrong_size(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            a, b = np.arange(3, dtype="<f4"), np.array([7, 8], dtype="<f4")
            raw = a.tobytes() + b.tobytes()
            _write(os.path.join(d, "s1"), raw[:5])
            _write(os.path.join(d, "s2"), raw[5:])
            _write(os.path.join(d, "q"), np.array([0, 255], dtype=np.uint8).tobytes())
            uint8 = {"dtype": "uint8", "scale": 0.5, "min": -1}
            manifest = [
                {
                    "paths": ["s1", "./s2"],  # one group in two shards, split inside a weight
                    "weights": [
                        {"name": "a", "shape": [3], "dtype": "float32"},
                        {"name": "b", "shape": [2], "dtype": "float32"},
                    ],
                },
                {"paths": ["q"], "weights": [{"name": "q", "shape": [2], "dtype": "float32", "quantization": uint8}]},
            ]
            _write(os.path.join(d, "m.json"), json.dumps({"weightsManifest": manifest}).encode())
            _, w = read_tfjs(os.path.join(d, "m.json"))
            self.assertEqual([(n, v.tolist()) for n, v in w], [("a", [0, 1, 2]), ("b", [7, 8]), ("q", [-1, 126.5])])
            _write(os.path.join(d, "q"), b"\0\0\0")
            with self.assertRaisesRegex(ValueError, "declares 2 bytes, its files hold 3"):
                read_tfjs(os.path.join(d, "m.json"))

    def test_save_tfjs_follows_the_template_order_and_refuses_a_foreign_template(self) -> None:
        m = MLP(3, [4], 2, "tanh")
        names = [n for n, _ in m.tfjs_weights()]
        spec = {"kind": "mlp", "hidden": [4], "activation": "tanh"}
        listed = [{"name": n, "shape": list(v.shape), "dtype": "float32"} for n, v in reversed(m.tfjs_weights())]
        template = {
            "format": "layers-model",
            "userDefinedMetadata": {"kdStudio": {"student": spec, "inputShape": [3], "classes": 2}},
            "weightsManifest": [{"paths": ["x.bin"], "weights": listed}],
        }
        with tempfile.TemporaryDirectory() as d:
            path = save_tfjs(m, template, d, "back")
            _, back = read_tfjs(path)
            self.assertEqual([n for n, _ in back], list(reversed(names)))
            again = build_from_files(path)
            x = torch.randn(5, 3)
            self.assertTrue(torch.equal(again(x)[0], m(x)[0]))
            template["weightsManifest"][0]["weights"][0]["name"] = "other/kernel"
            with self.assertRaisesRegex(ValueError, "do not match"):
                save_tfjs(m, template, d, "bad")


class InputMap(unittest.TestCase):
    def test_reads_teacher_ids_through_the_table_and_generates_in_its_own(self) -> None:
        inner = CharTransformer(vocab=4, context=5, layers=1, width=8, heads=2)
        with torch.no_grad():
            for p in inner.parameters():
                p.normal_()
        mapped = InputMapped(inner, [0, 0, 1, 3, 2, 2])  # the teacher has 6 ids, the student 4
        teacher_ids = torch.tensor([[5, 2, 3, 4, 1]])
        own = torch.tensor([[2, 1, 3, 2, 0]])
        self.assertTrue(torch.equal(mapped(teacher_ids)[0], inner(own)[0]))
        self.assertTrue(torch.equal(mapped.sequence_logits(own), inner.sequence_logits(own)))
        self.assertEqual([n for n, _, _ in mapped.bindings()], [n for n, _, _ in inner.bindings()])


class Alea(unittest.TestCase):
    def test_first_values_of_seedrandom_alea(self) -> None:
        # seedrandom's alea('hello.'), its README's example: 0.4783254903741181.
        self.assertAlmostEqual(alea("hello.")(), 0.4783254903741181, places=15)


if __name__ == "__main__":
    unittest.main()
