#!/usr/bin/python3
"""Runs the ONNX checker (full_check: also shape inference) on each file given; one line per file.
Exit status 1 if any file fails. Uses Debian's python3-onnx (onnx 1.12, opset <= 17)."""
import sys

import onnx

failed = 0
for path in sys.argv[1:]:
    try:
        model = onnx.load(path)
        onnx.checker.check_model(model, full_check=True)
        opset = max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
        print(f"ok    {path}  ir={model.ir_version} opset={opset} nodes={len(model.graph.node)}")
    except Exception as e:  # the checker raises several exception types
        failed += 1
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        print(f"FAIL  {path}  {first}")
sys.exit(1 if failed else 0)
