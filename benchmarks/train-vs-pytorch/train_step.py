"""PyTorch's side of the train-vs-pytorch benchmark: the same CNN as greendl's zoo `cnn`, the same batch size,
Adam lr 1e-3, the same Fashion-MNIST images normalised the same way; times each optimizer step (batch slice,
forward, loss, backward, step, accuracy count) and prints one JSON line. Run by run.sh with /usr/bin/python3."""
import argparse
import gzip
import json
import os
import struct
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        dims = [struct.unpack(">I", f.read(4))[0] for _ in range(magic & 0xFF)]
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def cnn():
    def conv(cin, cout):
        return [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU()]

    return nn.Sequential(*conv(1, 32), *conv(32, 32), nn.MaxPool2d(2), *conv(32, 64), *conv(64, 64),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64 * 7 * 7, 256), nn.ReLU(), nn.Dropout(0.3),
                         nn.Linear(256, 10))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--steps", type=int, default=60)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(42)
    total = a.steps + a.warmup
    name = "train-images-idx3-ubyte"
    path = os.path.join(a.data, name + ".gz")
    images = read_idx(path if os.path.exists(path) else os.path.join(a.data, name))[: total * a.batch]
    name = "train-labels-idx1-ubyte"
    path = os.path.join(a.data, name + ".gz")
    labels = read_idx(path if os.path.exists(path) else os.path.join(a.data, name))[: total * a.batch]
    x_all = (torch.from_numpy(images.astype(np.float32) / 255.0) - 0.2860) / 0.3530
    x_all = x_all.unsqueeze(1).contiguous()
    y_all = torch.from_numpy(labels.astype(np.int64))
    model = cnn()
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    times = []
    for i in range(total):
        t0 = time.perf_counter()
        x = x_all[i * a.batch:(i + 1) * a.batch]
        y = y_all[i * a.batch:(i + 1) * a.batch]
        out = model(x)
        loss = loss_fn(out, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        _ = loss.item()
        _ = (out.argmax(1) == y).sum().item()
        times.append((time.perf_counter() - t0) * 1000)
    ms = sorted(times[a.warmup:])
    n = len(ms)
    print(json.dumps({"impl": "pytorch", "model": "cnn", "batch": a.batch, "steps": n, "threads": a.threads,
                      "torch": torch.__version__, "median_ms": round(ms[n // 2], 3),
                      "p10_ms": round(ms[n // 10], 3), "p90_ms": round(ms[n * 9 // 10], 3)}))


if __name__ == "__main__":
    main()
