#!/usr/bin/env python3
"""Writes the datasets the byo-data benchmark feeds to greendl, from data no one here wrote.

  make_data.py digits-folder OUT          scikit-learn's 1,797 8x8 digits as OUT/CLASS/N.png (one tree)
  make_data.py fashion-formats FMNIST OUT Fashion-MNIST's IDX files as OUT/folder/{train,test}/CLASS/N.png,
                                          OUT/fashion.npz (x_train, y_train, x_test, y_test) and OUT/idx/
  make_data.py rgb-folder OUT             a 3-class RGB 32x32 folder (colour stripes with noise), train and test
"""
import gzip
import os
import shutil
import sys

import numpy as np
from PIL import Image


def digits_folder(out):
    from sklearn.datasets import load_digits
    d = load_digits()
    for i, (image, label) in enumerate(zip(d.images, d.target)):
        folder = os.path.join(out, str(label))
        os.makedirs(folder, exist_ok=True)
        # Values are 0..16; scale to bytes so a PNG holds them exactly (x16, 16 -> 255).
        pixels = np.minimum(image * 16, 255).astype(np.uint8)
        Image.fromarray(pixels, mode="L").save(os.path.join(folder, f"{i:04d}.png"))
    print(f"{len(d.target)} digits written under {out}")


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * k:8 + 4 * k], "big") for k in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(folder, stem):
    for name in (stem, stem + ".gz"):
        if os.path.exists(os.path.join(folder, name)):
            return os.path.join(folder, name)
    raise SystemExit(f"{folder}: no {stem}[.gz]")


def fashion_formats(fmnist, out):
    names = {"x_train": "train-images-idx3-ubyte", "y_train": "train-labels-idx1-ubyte",
             "x_test": "t10k-images-idx3-ubyte", "y_test": "t10k-labels-idx1-ubyte"}
    arrays = {k: read_idx(find(fmnist, v)) for k, v in names.items()}
    os.makedirs(out, exist_ok=True)
    np.savez(os.path.join(out, "fashion.npz"), **arrays)
    idx = os.path.join(out, "idx")
    os.makedirs(idx, exist_ok=True)
    for stem in names.values():
        shutil.copy(find(fmnist, stem), idx)
    for split in ("train", "test"):
        x, y = arrays["x_" + split], arrays["y_" + split]
        for i, (image, label) in enumerate(zip(x, y)):
            folder = os.path.join(out, "folder", split, str(label))
            os.makedirs(folder, exist_ok=True)
            # Zero-padded names keep the files in their IDX order when sorted.
            Image.fromarray(image, mode="L").save(os.path.join(folder, f"{i:05d}.png"))
    print(f"fashion-mnist as npz, idx and a PNG folder under {out}")


def rgb_folder(out, per_class_train=60, per_class_test=20):
    rng = np.random.default_rng(0)
    for split, n in (("train", per_class_train), ("test", per_class_test)):
        for c in range(3):
            folder = os.path.join(out, split, f"colour{c}")
            os.makedirs(folder, exist_ok=True)
            for i in range(n):
                image = rng.integers(0, 80, size=(32, 32, 3)).astype(np.int32)
                image[:, :, c] += 150
                Image.fromarray(np.clip(image, 0, 255).astype(np.uint8), mode="RGB").save(
                    os.path.join(folder, f"{i:03d}.png"))
    print(f"3-class RGB 32x32 folder under {out}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    what = sys.argv[1]
    if what == "digits-folder":
        digits_folder(sys.argv[2])
    elif what == "fashion-formats":
        fashion_formats(sys.argv[2], sys.argv[3])
    elif what == "rgb-folder":
        rgb_folder(sys.argv[2])
    else:
        raise SystemExit(__doc__)
