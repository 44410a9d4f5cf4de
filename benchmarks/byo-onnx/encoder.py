"""A BERT-style encoder of a user's own, for greendl's bring-your-own-ONNX benchmark: token and position
embeddings, 4 layers (hidden 256, 4 heads, feed-forward 1024, GELU, post-layer-norm), a classification head over
the first token; int64 input_ids and attention_mask, batch and sequence length free. Random weights (speed and
int8 agreement do not need training).

export: writes encoder.onnx (opset 14).
torch:  PyTorch fp32 vs torch.ao.quantization.quantize_dynamic (Linear -> int8) at batch 32 and the given
        sequence length: throughput (median of interleaved repeats) and top-1 agreement on 1,000 random token
        inputs. Prints one JSON line. Run with /usr/bin/python3 (Debian's torch)."""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
from torch import nn

VOCAB, HIDDEN, HEADS, LAYERS, FF, CLASSES, MAX_LEN = 8000, 256, 4, 4, 1024, 4, 512


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(HIDDEN, 3 * HIDDEN)
        self.out = nn.Linear(HIDDEN, HIDDEN)
        self.ln1 = nn.LayerNorm(HIDDEN)
        self.ff1 = nn.Linear(HIDDEN, FF)
        self.ff2 = nn.Linear(FF, HIDDEN)
        self.ln2 = nn.LayerNorm(HIDDEN)

    def forward(self, x, bias):
        b, t, _ = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, HEADS, HIDDEN // HEADS).permute(2, 0, 3, 1, 4)
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(HIDDEN // HEADS) + bias, dim=-1)
        x = self.ln1(x + self.out((att @ v).transpose(1, 2).reshape(b, t, HIDDEN)))
        return self.ln2(x + self.ff2(nn.functional.gelu(self.ff1(x))))


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.tokens = nn.Embedding(VOCAB, HIDDEN)
        self.positions = nn.Embedding(MAX_LEN, HIDDEN)
        self.ln = nn.LayerNorm(HIDDEN)
        self.layers = nn.ModuleList([Layer() for _ in range(LAYERS)])
        self.head = nn.Linear(HIDDEN, CLASSES)

    def forward(self, input_ids, attention_mask):
        t = input_ids.shape[1]
        pos = torch.arange(t, device=input_ids.device).unsqueeze(0)
        x = self.ln(self.tokens(input_ids) + self.positions(pos))
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return self.head(x[:, 0])


def hand_count(seq):
    """Parameters and multiply-accumulates at one sequence of length seq, counted by hand from the layer sizes."""
    linear = lambda i, o: i * o + o  # weight and bias
    layer_params = (linear(HIDDEN, 3 * HIDDEN) + linear(HIDDEN, HIDDEN) + linear(HIDDEN, FF) + linear(FF, HIDDEN)
                    + 2 * 2 * HIDDEN)  # qkv, out, ff1, ff2, two layer norms (gamma, beta)
    params = VOCAB * HIDDEN + MAX_LEN * HIDDEN + 2 * HIDDEN + LAYERS * layer_params + linear(HIDDEN, CLASSES)
    # Per layer: the four projections on every token, and the two attention products (q k^T, weights v).
    layer_macs = seq * HIDDEN * (3 * HIDDEN + HIDDEN + FF) + seq * FF * HIDDEN + 2 * seq * seq * HIDDEN
    macs = LAYERS * layer_macs + HIDDEN * CLASSES  # the head reads the first token only
    return params, macs


def model():
    torch.manual_seed(0)
    return Encoder().eval()


def export(a):
    ids = torch.randint(0, VOCAB, (2, 16))
    torch.onnx.export(model(), (ids, torch.ones_like(ids)), os.path.join(a.out, "encoder.onnx"), opset_version=14,
                      input_names=["input_ids", "attention_mask"], output_names=["logits"],
                      dynamic_axes={"input_ids": {0: "N", 1: "seq"}, "attention_mask": {0: "N", 1: "seq"},
                                    "logits": {0: "N"}})
    params, macs = hand_count(128)
    print(json.dumps({"params": sum(p.numel() for p in model().parameters()), "hand_count_params": params,
                      "hand_count_macs_seq128": macs}))


def throughput(m, ids, mask, seconds):
    with torch.no_grad():
        for _ in range(3):
            m(ids, mask)
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds or n < 5:
            m(ids, mask)
            n += 1
        return n * len(ids) / (time.perf_counter() - start)


def bench(a):
    torch.set_num_threads(a.threads)
    fp32 = model()
    engine = next(e for e in ("fbgemm", "onednn", "qnnpack") if e in torch.backends.quantized.supported_engines)
    torch.backends.quantized.engine = engine
    int8 = torch.ao.quantization.quantize_dynamic(fp32, {nn.Linear}, dtype=torch.qint8)
    g = torch.Generator().manual_seed(42)
    ids = torch.randint(0, VOCAB, (32, a.seq), generator=g)
    mask = torch.ones_like(ids)
    f_runs, q_runs = [], []
    for _ in range(a.repeats):
        f_runs.append(throughput(fp32, ids, mask, a.seconds))
        q_runs.append(throughput(int8, ids, mask, a.seconds))
    agree = 0
    with torch.no_grad():
        for i in range(0, 1000, 50):
            x = torch.randint(0, VOCAB, (50, a.seq), generator=g)
            m = torch.ones_like(x)
            agree += (fp32(x, m).argmax(1) == int8(x, m).argmax(1)).sum().item()
    print(json.dumps({"threads": a.threads, "seq": a.seq, "batch": 32, "engine": engine,
                      "torch_fp32_per_s": float(np.median(f_runs)), "torch_dynamic_int8_per_s": float(np.median(q_runs)),
                      "torch_int8_top1_agreement": agree / 1000}))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("step", choices=["export", "torch"])
    p.add_argument("--out", required=True)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seq", type=int, default=128)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--seconds", type=float, default=3.0)
    a = p.parse_args()
    export(a) if a.step == "export" else bench(a)


if __name__ == "__main__":
    main()
