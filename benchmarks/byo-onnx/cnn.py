"""A user's own PyTorch CNN on Fashion-MNIST, for greendl's bring-your-own-ONNX benchmark.

train:  2 epochs with its own preprocessing (x/255 - 0.5) / 0.5, exported with torch.onnx.export (batch free).
torch:  PyTorch fp32 and PyTorch's post-training static int8 (FX graph mode, the first quantized engine of
        onednn/qnnpack that works): accuracy on the 10,000 test images, batch-64 throughput at the given threads
        (median of interleaved repeats, fp32 int8 fp32 int8 ...). Prints one JSON line.
Run with /usr/bin/python3 (Debian's torch)."""
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
    with gzip.open(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        dims = [struct.unpack(">I", f.read(4))[0] for _ in range(magic & 0xFF)]
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def load(data, split):
    prefix = "train" if split == "train" else "t10k"
    x = read_idx(os.path.join(data, prefix + "-images-idx3-ubyte.gz")).astype(np.float32)
    y = read_idx(os.path.join(data, prefix + "-labels-idx1-ubyte.gz")).astype(np.int64)
    x = (x / 255.0 - 0.5) / 0.5
    return torch.from_numpy(x[:, None, :, :].copy()), torch.from_numpy(y.copy())


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
        nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))


def hand_count():
    """Parameters of the module, parameters of the exported file (eval-mode export folds each BatchNorm into the
    convolution before it: its gamma and beta are gone, the conv bias absorbs them) and MACs of one image."""
    conv = lambda cin, cout: cin * cout * 9 + cout
    convs = conv(1, 16) + conv(16, 32) + conv(32, 64)
    linears = 64 * 7 * 7 * 128 + 128 + 128 * 10 + 10
    batch_norms = 2 * (16 + 32 + 64)
    macs = 28 * 28 * 16 * 9 + 28 * 28 * 32 * 16 * 9 + 14 * 14 * 64 * 32 * 9 + 64 * 7 * 7 * 128 + 128 * 10
    return {"module_params": convs + linears + batch_norms, "exported_params": convs + linears, "macs": macs}


def accuracy(model, x, y, batch=500):
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), batch):
            correct += (model(x[i:i + batch]).argmax(1) == y[i:i + batch]).sum().item()
    return correct / len(x)


def train(a):
    torch.manual_seed(0)
    torch.set_num_threads(a.threads)
    x, y = load(a.data, "train")
    model = cnn()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    start = time.time()
    for epoch in range(2):
        model.train()
        perm = torch.randperm(len(x))
        for i in range(0, len(x), 128):
            idx = perm[i:i + 128]
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
    model.eval()
    tx, ty = load(a.data, "test")
    torch.save(model.state_dict(), os.path.join(a.out, "cnn.pt"))
    torch.onnx.export(model, tx[:1], os.path.join(a.out, "cnn.onnx"), opset_version=13,
                      input_names=["image"], output_names=["logits"],
                      dynamic_axes={"image": {0: "N"}, "logits": {0: "N"}})
    print(json.dumps({"train_s": round(time.time() - start, 1), "torch_fp32_accuracy": accuracy(model, tx, ty),
                      "params": sum(p.numel() for p in model.parameters()), "hand_count": hand_count()}))


def int8_model(model, calibration):
    from torch.ao.quantization import get_default_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
    errors = []
    for engine in ("fbgemm", "onednn", "qnnpack"):
        if engine not in torch.backends.quantized.supported_engines:
            continue
        try:
            torch.backends.quantized.engine = engine
            prepared = prepare_fx(model, get_default_qconfig_mapping(engine), example_inputs=(calibration[:1],))
            with torch.no_grad():
                for i in range(0, len(calibration), 64):
                    prepared(calibration[i:i + 64])
            q = convert_fx(prepared)
            with torch.no_grad():
                q(calibration[:64])
            return engine, q
        except Exception as e:  # an engine Debian's build lacks: try the next
            errors.append(engine + ": " + str(e).splitlines()[0])
    raise SystemExit("no PyTorch int8 engine works: " + "; ".join(errors))


def throughput(model, x, seconds):
    with torch.no_grad():
        for _ in range(5):
            model(x)
        n = 0
        start = time.perf_counter()
        while time.perf_counter() - start < seconds or n < 20:
            model(x)
            n += 1
        return n * len(x) / (time.perf_counter() - start)


def bench(a):
    torch.set_num_threads(a.threads)
    model = cnn()
    model.load_state_dict(torch.load(os.path.join(a.out, "cnn.pt")))
    model.eval()
    tx, ty = load(a.data, "test")
    cx, _ = load(a.data, "train")
    engine, q = int8_model(model, cx[:512])
    b64 = tx[:64]
    fp32_runs, int8_runs = [], []
    for _ in range(a.repeats):
        fp32_runs.append(throughput(model, b64, a.seconds))
        int8_runs.append(throughput(q, b64, a.seconds))
    print(json.dumps({"threads": a.threads, "engine": engine,
                      "torch_fp32_accuracy": accuracy(model, tx, ty), "torch_int8_accuracy": accuracy(q, tx, ty),
                      "torch_fp32_b64_per_s": float(np.median(fp32_runs)),
                      "torch_int8_b64_per_s": float(np.median(int8_runs)),
                      "runs": {"fp32": fp32_runs, "int8": int8_runs}}))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("step", choices=["train", "torch"])
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--out", required=True)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--seconds", type=float, default=2.0)
    a = p.parse_args()
    train(a) if a.step == "train" else bench(a)


if __name__ == "__main__":
    main()
