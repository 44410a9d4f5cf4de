"""torchvision's resnet18 and mobilenet_v2 with random weights, exported for greendl's bring-your-own-ONNX
benchmark (batch free, opset 13, batch norms kept), with torchvision's own parameter counts; and `check FILE...`: the ONNX checker
(full_check=True) on every file greendl wrote. Run with /usr/bin/python3 (Debian's torch, torchvision, onnx)."""
import argparse
import json
import os
import sys

import torch
import torchvision


def export(a):
    counts = {}
    for name in ("resnet18", "mobilenet_v2"):
        torch.manual_seed(0)
        m = getattr(torchvision.models, name)().eval()
        counts[name] = sum(p.numel() for p in m.parameters())
        # PRESERVE (the model is in eval mode) keeps the BatchNormalization nodes: the default EVAL export folds
        # them into the convolutions, and the file then no longer holds the parameters torchvision counts.
        torch.onnx.export(m, torch.randn(1, 3, 224, 224), os.path.join(a.out, name + ".onnx"), opset_version=13,
                          input_names=["image"], output_names=["logits"],
                          dynamic_axes={"image": {0: "N"}, "logits": {0: "N"}},
                          training=torch.onnx.TrainingMode.PRESERVE)
    print(json.dumps({"torchvision_params": counts}))


def check(files):
    import onnx
    result = {}
    for f in files:
        try:
            onnx.checker.check_model(f, full_check=True)
            result[os.path.basename(f)] = "ok"
        except Exception as e:
            result[os.path.basename(f)] = str(e).splitlines()[0]
    print(json.dumps({"onnx_checker": result}))
    return all(v == "ok" for v in result.values())


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "check":
        sys.exit(0 if check(sys.argv[2:]) else 1)
    p = argparse.ArgumentParser()
    p.add_argument("step", choices=["export"])
    p.add_argument("--out", required=True)
    export(p.parse_args())


if __name__ == "__main__":
    main()
